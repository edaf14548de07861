package io.userflow.local.status;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.devkit.broker.TopicEnds;
import io.userflow.local.status.PipelineStatus.Kafka;
import io.userflow.local.status.PipelineStatus.TableFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/** Reads what {@link PipelineStatus} needs: table metadata through the Iceberg API (no Spark), Kafka end offsets. */
public final class StatusReader {
  private StatusReader() {}

  /**
   * @param bootstrapServers the broker to ask for Bronze's pending records; null when none runs
   * @param noBroker why there is no broker, shown as the pending note when {@code bootstrapServers} is null
   */
  public static PipelineStatus read(CatalogSettings settings, TableLayout layout, String topic, String bootstrapServers,
      String noBroker) {
    return read(settings, layout, topic, bootstrapServers, noBroker, DeclaredGroups.none());
  }

  /** As {@link #read(CatalogSettings, TableLayout, String, String, String)}, with the declared groups' tables. */
  public static PipelineStatus read(CatalogSettings settings, TableLayout layout, String topic, String bootstrapServers,
      String noBroker, DeclaredGroups declared) {
    Catalog catalog = Catalogs.open(settings);
    try {
      return PipelineStatus.of(layout, facts(catalog, layout, layout.bronze()), facts(catalog, layout, layout.silver()),
          facts(catalog, layout, layout.rejects()), facts(catalog, layout, layout.goldDaily()),
          facts(catalog, layout, layout.goldRolling()), kafka(topic, bootstrapServers, noBroker), declared,
          declared.groups().stream().map(g -> facts(catalog, layout, g.name())).toList());
    } finally {
      if (catalog instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new UncheckedIOException(new IOException("cannot close the catalog", e));
        }
      }
    }
  }

  private static TableFacts facts(Catalog catalog, TableLayout layout, String table) {
    TableIdentifier id = TableIdentifier.parse(layout.qualified(table));
    if (!catalog.tableExists(id)) {
      return TableFacts.missing(table);
    }
    Table t = catalog.loadTable(id);
    return new TableFacts(table, TableLineage.history(t));
  }

  private static Kafka kafka(String topic, String bootstrapServers, String noBroker) {
    if (bootstrapServers == null) {
      return new Kafka(topic, null, noBroker);
    }
    try {
      return new Kafka(topic, TopicEnds.of(bootstrapServers, topic), "broker " + bootstrapServers);
    } catch (RuntimeException e) {
      return new Kafka(topic, null, "broker " + bootstrapServers + " did not answer: " + e.getMessage());
    }
  }
}
