package io.userflow.operator.api.spec;

/** Supported Iceberg catalog implementations; the values of core's {@code CatalogType}. */
public enum CatalogType {
  /** Iceberg's JDBC catalog (PostgreSQL in Kubernetes, SQLite locally). */
  jdbc,
  /** An Iceberg REST catalog server (Polaris, Lakekeeper, Nessie, Glue's or S3 Tables' endpoint). */
  rest
}
