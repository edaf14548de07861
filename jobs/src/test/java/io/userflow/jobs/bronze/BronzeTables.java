package io.userflow.jobs.bronze;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.layout.TableLayout;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Test reads of the Bronze table: rows through Spark, snapshot summaries through plain iceberg-core. */
final class BronzeTables {
  private BronzeTables() {}

  /** Snapshot summaries, oldest first, read with iceberg-core only (no Spark). */
  static List<Map<String, String>> summaries(CatalogSettings settings, TableLayout layout) throws IOException {
    Catalog catalog = Catalogs.open(settings);
    try {
      Table table = catalog.loadTable(TableIdentifier.parse(layout.qualified(layout.bronze())));
      List<Snapshot> snapshots = new java.util.ArrayList<>();
      table.snapshots().forEach(snapshots::add);
      snapshots.sort(java.util.Comparator.comparingLong(Snapshot::sequenceNumber));
      return snapshots.stream().map(Snapshot::summary).toList();
    } finally {
      if (catalog instanceof Closeable c) {
        c.close();
      }
    }
  }

  /** [row count, distinct (partition, offset) count] of one topic in Bronze. */
  static long[] countAndDistinct(SparkSession spark, TableLayout layout, String topic) {
    Row r = spark.sql("SELECT count(*), count(DISTINCT kafka_partition, kafka_offset) FROM "
        + layout.sparkName(layout.bronze()) + " WHERE kafka_topic = '" + topic + "'").first();
    return new long[] {r.getLong(0), r.getLong(1)};
  }

  static long sum(Map<Integer, Long> endOffsets) {
    return endOffsets.values().stream().mapToLong(Long::longValue).sum();
  }
}
