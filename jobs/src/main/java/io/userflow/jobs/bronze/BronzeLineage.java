package io.userflow.jobs.bronze;

import io.userflow.core.lineage.LineageKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage a Bronze commit carries in its snapshot summary, and the check that makes a replayed
 * micro-batch a no-op. Spark re-runs the last planned batch with the same id and the same offsets after a
 * crash; if a snapshot with this query id and batch id is already in the table, the batch was committed
 * before the crash and must not be appended again. Pure: callers pass the summaries in.
 */
public final class BronzeLineage {
  public static final String STAGE = "bronze";
  /** The streaming query id, stable across restarts from one checkpoint; with BATCH_ID it names a commit. */
  public static final String QUERY_ID = "userflow.streaming-query-id";

  private BronzeLineage() {}

  /**
   * One snapshot of the Bronze table as far as lineage goes.
   *
   * @param snapshotId snapshot id
   * @param summary the snapshot summary
   */
  public record Commit(long snapshotId, Map<String, String> summary) {}

  /** Summary properties (without the write-option prefix) for one micro-batch commit. */
  public static Map<String, String> summary(BronzeSettings s, String queryId, long batchId, KafkaOffsets ends) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(LineageKeys.PIPELINE, s.pipeline());
    m.put(LineageKeys.STAGE, STAGE);
    m.put(LineageKeys.RUN_ID, s.runId() == null ? queryId : s.runId());
    m.put(LineageKeys.TRANSFORM_VERSION, s.transformVersion());
    m.put(LineageKeys.BATCH_ID, Long.toString(batchId));
    m.put(LineageKeys.KAFKA_OFFSETS, ends.format());
    m.put(QUERY_ID, queryId);
    return m;
  }

  /**
   * The snapshot that already committed batch {@code batchId} of query {@code queryId}, if any.
   * {@code newestFirst} is the table's ancestry from the current snapshot back. Batch ids of one query only
   * grow, so the walk stops at the first older batch of the same query.
   */
  public static Optional<Long> findCommit(Iterable<Commit> newestFirst, String queryId, long batchId) {
    for (Commit c : newestFirst) {
      if (!queryId.equals(c.summary().get(QUERY_ID))) {
        continue;
      }
      long committed;
      try {
        committed = Long.parseLong(c.summary().getOrDefault(LineageKeys.BATCH_ID, ""));
      } catch (NumberFormatException e) {
        continue;
      }
      if (committed == batchId) {
        return Optional.of(c.snapshotId());
      }
      if (committed < batchId) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
