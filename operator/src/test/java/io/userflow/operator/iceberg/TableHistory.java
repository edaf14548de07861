package io.userflow.operator.iceberg;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds snapshot histories for tests: each commit's parent is the previous commit. */
public final class TableHistory {
  private final String table;
  private final List<SnapshotFact> snapshots = new ArrayList<>();
  private final Map<String, Long> branches = new HashMap<>();
  private Long main;
  private long totalRecords;

  public TableHistory(String table) {
    this.table = table;
  }

  public TableHistory append(long id, long records) {
    return commit(id, "append", records, Map.of());
  }

  public TableHistory overwrite(long id, long records) {
    return commit(id, "overwrite", records, Map.of());
  }

  /** A userflow commit carrying lineage: processed up to {@code sourceSnapshot} with {@code transformVersion}. */
  public TableHistory lineage(long id, long sourceSnapshot, String transformVersion, String affectedDates) {
    Map<String, String> summary = new HashMap<>();
    summary.put(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(sourceSnapshot));
    summary.put(LineageKeys.TRANSFORM_VERSION, transformVersion);
    if (affectedDates != null) {
      summary.put(LineageKeys.AFFECTED_DATES, affectedDates);
    }
    return commit(id, "append", 10, summary);
  }

  /** A streaming Bronze micro-batch commit. */
  public TableHistory batch(long id, long records, long batchId, String offsets) {
    return commit(id, "append", records, Map.of(LineageKeys.BATCH_ID, Long.toString(batchId),
        LineageKeys.KAFKA_OFFSETS, offsets));
  }

  public TableHistory commit(long id, String operation, long records, Map<String, String> summary) {
    add(id, main, operation, records, summary);
    main = id;
    return this;
  }

  /** A commit on {@code branch} (made at main's current snapshot on first use); main does not move. */
  public TableHistory onBranch(String branch, long id, Map<String, String> summary) {
    add(id, branches.getOrDefault(branch, main), "append", 0, summary);
    branches.put(branch, id);
    return this;
  }

  private void add(long id, Long parent, String operation, long records, Map<String, String> summary) {
    totalRecords += records;
    long t = 1_790_000_000_000L + snapshots.size() * 60_000L;
    snapshots.add(new SnapshotFact(id, parent, t, operation, records, 1, records * 100, totalRecords,
        snapshots.size() + 1L, totalRecords * 100, summary));
  }

  public SourceHistory build() {
    return new SourceHistory(table, main, snapshots, branches);
  }

  public static SourceHistory empty(String table) {
    return new TableHistory(table).build();
  }
}
