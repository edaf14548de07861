package io.userflow.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The Datasets a stage run persists, released together when the run ends: a cached read of a table left behind
 * would be served again to the next run in the same session, after the table moved on (or its files expired).
 */
public final class Cached implements AutoCloseable {
  private final List<Dataset<Row>> kept = new ArrayList<>();

  /** Persists {@code rows} (memory, spilling to disk) until {@link #close()}. */
  public Dataset<Row> keep(Dataset<Row> rows) {
    kept.add(rows);
    return rows.persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public void close() {
    kept.forEach(Dataset::unpersist);
    kept.clear();
  }
}
