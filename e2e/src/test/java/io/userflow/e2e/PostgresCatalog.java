package io.userflow.e2e;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.ObjectStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database that holds the Iceberg JDBC catalog Spark writes and Trino reads, as in Kubernetes.
 * {@code .ci/run} installs and starts PostgreSQL and creates the role and database these defaults name.
 *
 * @param url JDBC URL ({@code USERFLOW_PG_URL})
 * @param user role ({@code USERFLOW_PG_USER})
 * @param password password ({@code USERFLOW_PG_PASSWORD})
 */
record PostgresCatalog(String url, String user, String password) {
  static final String URL_ENV = "USERFLOW_PG_URL";
  static final String URL_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/userflow_e2e";
  static final String USER_ENV = "USERFLOW_PG_USER";
  static final String USER_DEFAULT = "userflow";
  static final String PASSWORD_ENV = "USERFLOW_PG_PASSWORD";
  static final String PASSWORD_DEFAULT = "userflow";

  static PostgresCatalog fromEnvironment() {
    return new PostgresCatalog(env(URL_ENV, URL_DEFAULT), env(USER_ENV, USER_DEFAULT), env(PASSWORD_ENV, PASSWORD_DEFAULT));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * Empties the catalog: drops Iceberg's catalog tables, which Spark's first catalog access creates again. The
   * database belongs to this test, and the warehouse of an earlier run (a deleted temp dir) is gone anyway.
   *
   * @throws AssertionError saying how to provide PostgreSQL when it cannot be reached: the test fails, never skips
   */
  void reset() {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS iceberg_tables, iceberg_namespace_properties");
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL is not reachable at " + url + " as " + user + " (" + e.getMessage()
          + "). Run .ci/run, which installs and starts PostgreSQL and creates the role and database, or start"
          + " PostgreSQL yourself and point " + URL_ENV + ", " + USER_ENV + " and " + PASSWORD_ENV + " at a database"
          + " this test may empty.", e);
    }
  }

  /** Spark's side: the JDBC catalog named {@code name} over an S3 warehouse, e.g. {@code s3a://warehouse/}. */
  CatalogSettings settings(String name, String warehouse, ObjectStorage storage) {
    return new CatalogSettings(name, url, warehouse, user, password, storage);
  }

  /** Spark's side: the JDBC catalog named {@code name} over a warehouse folder. */
  CatalogSettings settings(String name, Path warehouse) {
    return new CatalogSettings(name, url, warehouse.toAbsolutePath().toUri().toString(), user, password);
  }
}
