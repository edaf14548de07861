package io.userflow.operator.api.spec;

/** Supported Iceberg catalog implementations. */
public enum CatalogType {
  /** Iceberg's JDBC catalog (PostgreSQL in Kubernetes, SQLite locally). */
  jdbc
}
