package io.userflow.operator.iceberg;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.planner.SourceHistory;

/**
 * Reads a table's snapshot history from the Iceberg catalog. The only way the operator touches Iceberg; tests use
 * a fake. A missing table reads as an empty history (no current snapshot), not as an error.
 */
public interface TableMetadataService {

  /**
   * @param catalog catalog to open, with credentials
   * @param namespace table namespace
   * @param table table name
   * @throws MetadataUnavailableException when the catalog cannot be reached or read
   */
  SourceHistory history(CatalogSettings catalog, String namespace, String table);

  /**
   * The table's top-level column names in schema order; empty for a missing table.
   *
   * @throws MetadataUnavailableException when the catalog cannot be reached or read
   */
  java.util.List<String> columns(CatalogSettings catalog, String namespace, String table);

  /** The catalog could not be reached or read; the reconcile is retried. */
  class MetadataUnavailableException extends RuntimeException {
    public MetadataUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
