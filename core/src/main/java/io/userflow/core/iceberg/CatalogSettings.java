package io.userflow.core.iceberg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Iceberg catalog: a JDBC catalog (an SQLite file locally, PostgreSQL in Kubernetes and for Trino)
 * or an Iceberg REST catalog ({@link #rest()} set). {@link #catalogProperties()} is the single source for both
 * Iceberg's {@code CatalogUtil} ({@link Catalogs}) and Spark's {@code spark.sql.catalog.<name>.*} settings.
 *
 * @param name catalog name (Spark catalog name and Iceberg {@code catalog-name} column in the JDBC tables)
 * @param uri JDBC URI, e.g. {@code jdbc:sqlite:/tmp/userflow/catalog.db} or {@code jdbc:postgresql://host/db}; for
 *     REST the server's base URI, e.g. {@code http://127.0.0.1:8181}
 * @param warehouse warehouse root, e.g. {@code file:/tmp/userflow/warehouse} or {@code s3a://bucket/wh}; for REST
 *     what the server takes as its {@code warehouse} (a location or a name)
 * @param user JDBC user, may be null (JDBC only)
 * @param password JDBC password, may be null (JDBC only)
 * @param storage the S3-compatible store of an {@code s3a://} warehouse, null for a local one or AWS defaults
 * @param rest the REST catalog's settings; null for a JDBC catalog
 */
public record CatalogSettings(String name, String uri, String warehouse, String user, String password,
    ObjectStorage storage, RestCatalogSettings rest) {

  public CatalogSettings {
    Objects.requireNonNull(name, "catalog name");
    Objects.requireNonNull(uri, "catalog uri");
    Objects.requireNonNull(warehouse, "catalog warehouse");
    if (rest == null && !uri.startsWith("jdbc:")) {
      throw new IllegalArgumentException("catalog uri must be a JDBC URI (jdbc:sqlite:... or jdbc:postgresql:...), got: " + uri);
    }
    if (rest != null && !(uri.startsWith("http://") || uri.startsWith("https://"))) {
      throw new IllegalArgumentException("a REST catalog uri is http:// or https://, got: " + uri);
    }
    if (rest != null && (user != null || password != null)) {
      throw new IllegalArgumentException("a REST catalog takes a credential or a token, not a JDBC user and password");
    }
  }

  /** A JDBC catalog's settings. */
  public CatalogSettings(String name, String uri, String warehouse, String user, String password,
      ObjectStorage storage) {
    this(name, uri, warehouse, user, password, storage, null);
  }

  /** An Iceberg REST catalog's settings. */
  public static CatalogSettings rest(String name, String uri, String warehouse, RestCatalogSettings rest,
      ObjectStorage storage) {
    return new CatalogSettings(name, uri, warehouse, null, null, storage, Objects.requireNonNull(rest, "rest settings"));
  }

  /**
   * Which catalog these settings reach, without what can be rotated: no password, no storage keys, no REST credential
   * or token. A long-lived process keys its open catalogs by it, so a rotated secret replaces a catalog instead of
   * opening a second one beside it.
   */
  public CatalogSettings withoutSecrets() {
    ObjectStorage s = storage == null ? null
        : new ObjectStorage(storage.endpoint(), storage.region(), storage.pathStyleAccess(), null, null);
    RestCatalogSettings r = rest == null ? null : new RestCatalogSettings(rest.prefix(), null, null,
        rest.oauth2ServerUri(), rest.scope(), rest.headers(), rest.vendedCredentials());
    return new CatalogSettings(name, uri, warehouse, user, null, s, r);
  }

  public CatalogType type() {
    return rest == null ? CatalogType.JDBC : CatalogType.REST;
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

  static final String HADOOP_FILE_IO = "org.apache.iceberg.hadoop.HadoopFileIO";

  /** Iceberg catalog properties (without the Spark prefix). */
  public Map<String, String> catalogProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("type", type().value());
    if (rest != null) {
      props.put("uri", uri);
      props.put("warehouse", warehouse);
      props.putAll(rest.catalogProperties(uri));
      if (ObjectStorage.isS3(warehouse)) {
        // vended: S3FileIO with what the server hands over per table; else s3a with this process's settings, as
        // on the JDBC catalog (a REST client's own default, S3FileIO without an endpoint, reaches only AWS)
        if (rest.vendedCredentials()) {
          props.putAll(ObjectStorage.awsDefaultsFileIoProperties()); // S3FileIO on the JDK's HTTP client
        } else {
          props.put("io-impl", HADOOP_FILE_IO);
        }
      }
      return props;
    }
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
    if (rest != null && rest.vendedCredentials()) {
      // the server hands S3FileIO each table's keys with the table; keys of our own would win over them
      return Map.of("io-impl", ObjectStorage.S3_FILE_IO);
    }
    return storage != null ? storage.fileIoProperties() : ObjectStorage.awsDefaultsFileIoProperties();
  }

  @Override
  public String toString() {
    // never print the passwords
    return "CatalogSettings[name=" + name + (rest != null ? ", type=rest" : "") + ", uri=" + uri + ", warehouse="
        + warehouse + ", user=" + user + ", storage=" + storage + (rest != null ? ", rest=" + rest : "") + "]";
  }
}
