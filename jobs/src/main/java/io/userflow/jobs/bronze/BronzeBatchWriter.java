package io.userflow.jobs.bronze;


import io.userflow.core.lineage.LineageKeys;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.CommitHook;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Appends one micro-batch to the Bronze table with lineage, unless the table shows the batch was committed
 * before a crash (see {@link BronzeLineage}). Runs on the driver, on the stream's thread.
 */
final class BronzeBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  /** Spark's local property holding the streaming query id while a micro-batch runs. */
  static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private final BronzeSettings settings;
  private final CommitHook hook;
  private final List<Long> snapshotIds = new ArrayList<>();
  private KafkaOffsets covered = KafkaOffsets.empty();
  private long rows;
  private int skipped;

  BronzeBatchWriter(BronzeSettings settings, CommitHook hook) {
    this.settings = settings;
    this.hook = hook;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    SparkSession spark = batch.sparkSession();
    String queryId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    if (queryId == null) {
      throw new IllegalStateException("no streaming query id in local property " + QUERY_ID_PROPERTY + "; not running in a stream?");
    }
    long t0 = System.nanoTime();
    Table table = Spark3Util.loadIcebergTable(spark, settings.table());
    table.refresh();
    Optional<Long> earlier = BronzeLineage.findCommit(ancestry(table), queryId, batchId);
    if (earlier.isPresent()) {
      synchronized (this) {
        skipped++;
      }
      System.err.printf("bronze batch %d: already committed as snapshot %d before a restart; replay skipped%n", batchId, earlier.get());
      return;
    }
    long t1 = System.nanoTime();
    KafkaOffsets offsets = BatchOffsets.read(spark, settings.checkpoint(), batchId);
    long t2 = System.nanoTime();
    // Every row of a micro-batch has the same ingest_date (the batch's timestamp), so the rows need no clustering:
    // Iceberg's default for a partitioned table (hash) would shuffle the whole batch first.
    batch.writeTo(settings.table())
        .option(SparkWriteOptions.DISTRIBUTION_MODE, DistributionMode.NONE.modeName())
        .options(LineageKeys.writeOptions(BronzeLineage.summary(settings, queryId, batchId, offsets)))
        .append();
    long t3 = System.nanoTime();
    table.refresh();
    long snapshotId = BronzeLineage.findCommit(ancestry(table), queryId, batchId)
        .orElseThrow(() -> new IllegalStateException("batch " + batchId + " was appended but no snapshot carries its lineage"));
    long n = Long.parseLong(table.snapshot(snapshotId).summary().getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"));
    synchronized (this) {
      snapshotIds.add(snapshotId);
      rows += n;
      covered = covered.merge(offsets);
    }
    long t4 = System.nanoTime();
    System.err.printf("bronze batch %d: committed snapshot %d with %d rows (%s) in %d ms: lineage lookup %d ms, "
        + "offsets %d ms, append %d ms, commit check %d ms%n", batchId, snapshotId, n, offsets.format(),
        (t4 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    hook.after(CommitBoundary.BRONZE_BATCH_COMMITTED);
  }

  /** The table's snapshots from the current one back through its parents, read lazily. */
  static Iterable<BronzeLineage.Commit> ancestry(Table table) {
    return () -> new Iterator<>() {
      private Snapshot next = table.currentSnapshot();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public BronzeLineage.Commit next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Snapshot s = next;
        next = s.parentId() == null ? null : table.snapshot(s.parentId());
        return new BronzeLineage.Commit(s.snapshotId(), s.summary());
      }
    };
  }

  synchronized List<Long> snapshotIds() {
    return List.copyOf(snapshotIds);
  }

  synchronized long rows() {
    return rows;
  }

  synchronized int skipped() {
    return skipped;
  }

  /** End offsets of the batches this writer committed. */
  synchronized KafkaOffsets covered() {
    return covered;
  }
}
