package io.userflow.core.iceberg;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of Iceberg catalog the pipeline reads and writes through; the option value is the lower-case name. */
public enum CatalogType {
  /** Iceberg's JdbcCatalog on a database the pipeline reaches itself (SQLite locally, PostgreSQL in Kubernetes). */
  JDBC("org.apache.iceberg.jdbc.JdbcCatalog"),
  /** Iceberg's REST protocol ({@code RESTCatalog}): a catalog server owns the metadata pointer and the commits. */
  REST("org.apache.iceberg.rest.RESTCatalog");

  private final String catalogImpl;

  CatalogType(String catalogImpl) {
    this.catalogImpl = catalogImpl;
  }

  /** Iceberg's {@code type} property and the {@code --catalog-type} value: {@code jdbc} or {@code rest}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The class {@code CatalogUtil} loads for this type without Spark. */
  public String catalogImpl() {
    return catalogImpl;
  }

  public static CatalogType of(String value) {
    return Arrays.stream(values()).filter(t -> t.value().equalsIgnoreCase(value.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("catalog type must be jdbc or rest, got: " + value));
  }
}
