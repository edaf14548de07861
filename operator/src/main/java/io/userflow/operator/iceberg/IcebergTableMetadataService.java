package io.userflow.operator.iceberg;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.planner.SourceHistory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Reads snapshot histories and schemas with core's Catalogs and TableLineage, through the {@link CatalogPool} (one
 * open catalog per catalog, with client timeouts; closed when its secrets rotate or nothing reads it).
 */
@ApplicationScoped
public class IcebergTableMetadataService implements TableMetadataService {
  private final CatalogPool catalogs = new CatalogPool();

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
      Catalog catalog = catalogs.get(settings);
      return reader.apply(catalog.loadTable(TableIdentifier.of(namespace, table)));
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      // a REST server may answer a table in a namespace nobody created yet with NoSuchNamespace
      return missing;
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a FileIO whose classes are missing from this build; report it like an unreachable store
      catalogs.evict(settings);
      throw new MetadataUnavailableException("Cannot read " + name + " from catalog " + settings.name() + " at "
          + settings.uri() + ": " + e.getMessage(), e);
    }
  }

  @PreDestroy
  void close() {
    catalogs.close();
  }
}
