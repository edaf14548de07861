package io.userflow.operator.iceberg;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.planner.SourceHistory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/** Reads snapshot histories with core's Catalogs and TableLineage, keeping one open catalog per settings. */
@ApplicationScoped
public class IcebergTableMetadataService implements TableMetadataService {
  private final Map<CatalogSettings, Catalog> catalogs = new ConcurrentHashMap<>();

  @Override
  public SourceHistory history(CatalogSettings settings, String namespace, String table) {
    String name = namespace + "." + table;
    return read(settings, namespace, table, t -> {
      SourceHistory history = TableLineage.history(t);
      return new SourceHistory(name, history.currentSnapshotId(), history.snapshots(), history.branches());
    }, new SourceHistory(name, null, List.of()));
  }

  @Override
  public List<String> columns(CatalogSettings settings, String namespace, String table) {
    return read(settings, namespace, table, t -> t.schema().columns().stream()
        .map(org.apache.iceberg.types.Types.NestedField::name).toList(), List.of());
  }

  private <T> T read(CatalogSettings settings, String namespace, String table,
      java.util.function.Function<org.apache.iceberg.Table, T> reader, T missing) {
    String name = namespace + "." + table;
    try {
      Catalog catalog = catalogs.computeIfAbsent(settings, Catalogs::open);
      return reader.apply(catalog.loadTable(TableIdentifier.of(namespace, table)));
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      // a REST server may answer a table in a namespace nobody created yet with NoSuchNamespace
      return missing;
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a FileIO whose classes are missing from this build; report it like an unreachable store
      catalogs.remove(settings);
      throw new MetadataUnavailableException("Cannot read " + name + " from catalog " + settings.name() + " at "
          + settings.uri() + ": " + e.getMessage(), e);
    }
  }

  @PreDestroy
  void close() throws IOException {
    for (Catalog catalog : catalogs.values()) {
      if (catalog instanceof Closeable closeable) {
        closeable.close();
      }
    }
    catalogs.clear();
  }
}
