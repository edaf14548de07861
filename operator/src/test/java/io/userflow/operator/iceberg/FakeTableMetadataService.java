package io.userflow.operator.iceberg;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.planner.SourceHistory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory table histories keyed by {@code namespace.table}; can be told to fail like an unreachable catalog. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeTableMetadataService implements TableMetadataService {
  private final Map<String, SourceHistory> histories = new ConcurrentHashMap<>();
  private final Map<String, List<String>> columns = new ConcurrentHashMap<>();
  private volatile String failure;
  private volatile CatalogSettings lastCatalog;

  /** The settings of the last read: how the operator reached the catalog (type, URI, credentials). */
  public CatalogSettings lastCatalog() {
    return lastCatalog;
  }

  /** The columns of {@code namespace.table}; a table given none has none (as a missing one). */
  public FakeTableMetadataService columns(String table, List<String> names) {
    columns.put(table, List.copyOf(names));
    return this;
  }

  public FakeTableMetadataService put(SourceHistory history) {
    histories.put(history.table(), history);
    return this;
  }

  public void failWith(String message) {
    this.failure = message;
  }

  public void clear() {
    histories.clear();
    columns.clear();
    failure = null;
    lastCatalog = null;
  }

  @Override
  public SourceHistory history(CatalogSettings catalog, String namespace, String table) {
    lastCatalog = catalog;
    if (failure != null) {
      throw new MetadataUnavailableException(failure, null);
    }
    String name = namespace + "." + table;
    return histories.getOrDefault(name, new SourceHistory(name, null, List.of()));
  }

  @Override
  public List<String> columns(CatalogSettings catalog, String namespace, String table) {
    if (failure != null) {
      throw new MetadataUnavailableException(failure, null);
    }
    return columns.getOrDefault(namespace + "." + table, List.of());
  }
}
