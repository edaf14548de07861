package io.userflow.core.iceberg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Iceberg catalog. Only the JDBC catalog is supported: an SQLite file locally, PostgreSQL
 * in Kubernetes and for Trino. {@link #catalogProperties()} is the single source for both Iceberg's
 * {@code CatalogUtil} and Spark's {@code spark.sql.catalog.<name>.*} settings.
 *
 * @param name catalog name (Spark catalog name and Iceberg {@code catalog-name} column in the JDBC tables)
 * @param uri JDBC URI, e.g. {@code jdbc:sqlite:/tmp/userflow/catalog.db} or {@code jdbc:postgresql://host/db}
 * @param warehouse warehouse root, e.g. {@code file:/tmp/userflow/warehouse} or {@code s3a://bucket/wh}
 * @param user JDBC user, may be null
 * @param password JDBC password, may be null
 * @param storage the S3-compatible store of an {@code s3a://} warehouse, null for a local one or AWS defaults
 */
public record CatalogSettings(String name, String uri, String warehouse, String user, String password,
    ObjectStorage storage) {

  public CatalogSettings {
    Objects.requireNonNull(name, "catalog name");
    Objects.requireNonNull(uri, "catalog uri");
    Objects.requireNonNull(warehouse, "catalog warehouse");
    if (!uri.startsWith("jdbc:")) {
      throw new IllegalArgumentException("catalog uri must be a JDBC URI (jdbc:sqlite:... or jdbc:postgresql:...), got: " + uri);
    }
  }

  /** Settings of a warehouse that needs no object-storage settings (local files, or S3 with AWS defaults). */
  public CatalogSettings(String name, String uri, String warehouse, String user, String password) {
    this(name, uri, warehouse, user, password, null);
  }

  /** Local embedded default: an SQLite file and a warehouse folder under {@code root}. */
  public static CatalogSettings local(String name, java.nio.file.Path root) {
    java.nio.file.Path abs = root.toAbsolutePath();
    return new CatalogSettings(name, "jdbc:sqlite:" + abs.resolve("catalog.db"),
        abs.resolve("warehouse").toUri().toString(), null, null);
  }

  /** Iceberg catalog properties (without the Spark prefix). */
  public Map<String, String> catalogProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("type", "jdbc");
    props.put("uri", uri);
    props.put("warehouse", warehouse);
    // V1 schema adds view support columns; sqlite and Trino's bundled client both handle it.
    props.put("jdbc.schema-version", "V1");
    if (user != null) {
      props.put("jdbc.user", user);
    }
    if (password != null) {
      props.put("jdbc.password", password);
    }
    if (uri.startsWith("jdbc:sqlite:")) {
      // SQLite allows one writer; the pool of one avoids "database is locked" between Spark tasks.
      props.put("clients", "1");
    }
    return props;
  }

  /**
   * What a process without Spark adds to {@link #catalogProperties()} to read the warehouse: S3FileIO for an S3
   * warehouse (with {@link #storage()}'s endpoint and keys, or AWS defaults), nothing for local files.
   */
  public Map<String, String> fileIoProperties() {
    if (!ObjectStorage.isS3(warehouse)) {
      return Map.of();
    }
    return storage != null ? storage.fileIoProperties() : ObjectStorage.awsDefaultsFileIoProperties();
  }

  @Override
  public String toString() {
    // never print the passwords
    return "CatalogSettings[name=" + name + ", uri=" + uri + ", warehouse=" + warehouse + ", user=" + user
        + ", storage=" + storage + "]";
  }
}
