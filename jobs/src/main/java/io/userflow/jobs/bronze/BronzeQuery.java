package io.userflow.jobs.bronze;

import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** A running Bronze stream: wait for it (available-now ends by itself) or stop it, then read the result. */
public final class BronzeQuery {
  private final BronzeSettings settings;
  private final StreamingQuery query;
  private final BronzeBatchWriter writer;
  private final long startNanos;

  BronzeQuery(BronzeSettings settings, StreamingQuery query, BronzeBatchWriter writer, long startNanos) {
    this.settings = settings;
    this.query = query;
    this.writer = writer;
    this.startNanos = startNanos;
  }

  public StreamingQuery query() {
    return query;
  }

  /** Blocks until the stream ends (available-now: when caught up); rethrows the stream's failure. */
  public BronzeResult awaitTermination() {
    try {
      query.awaitTermination();
    } catch (StreamingQueryException e) {
      throw new IllegalStateException(KafkaFailure.explain(e, settings)
          .orElse("Bronze stream for topic " + settings.topic() + " failed: " + e.getMessage()), e);
    }
    refreshTable();
    return result();
  }

  /** Stops the stream after the current micro-batch and returns the result. */
  public BronzeResult stop() {
    try {
      query.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Bronze stream for topic " + settings.topic() + " did not stop: " + e.getMessage(), e);
    }
    refreshTable();
    return result();
  }

  /**
   * The stream commits through its own cloned session, whose catalog is not the caller's; Iceberg's
   * caching catalog would show the caller the table as it was when first loaded for up to 30 s.
   */
  private void refreshTable() {
    query.sparkSession().catalog().refreshTable(settings.table());
  }

  /** The result so far. */
  public BronzeResult result() {
    KafkaOffsets ends = writer.covered();
    StreamingQueryProgress last = query.lastProgress();
    if (last != null && last.sources().length > 0 && last.sources()[0].endOffset() != null) {
      ends = ends.merge(KafkaOffsets.fromSparkJson(last.sources()[0].endOffset()));
    }
    String queryId = query.id().toString();
    return new BronzeResult(settings.table(), settings.topic(), queryId,
        settings.runId() == null ? queryId : settings.runId(), writer.snapshotIds().size(), writer.skipped(),
        writer.snapshotIds(), writer.rows(), ends, (System.nanoTime() - startNanos) / 1_000_000);
  }
}
