package io.userflow.core.planner;

import java.util.Map;

/**
 * What the planner needs to know about one snapshot of the source table, copied out of Iceberg metadata.
 *
 * @param snapshotId snapshot id
 * @param parentId parent snapshot id, null for the first snapshot
 * @param timestampMillis commit time
 * @param operation Iceberg operation: append, overwrite, delete, replace
 * @param addedRecords records added by this snapshot
 * @param addedFiles data files added by this snapshot
 * @param addedBytes bytes of data files added by this snapshot
 * @param totalRecords records in the table after this snapshot
 * @param totalFiles data files in the table after this snapshot
 * @param totalBytes bytes of data files in the table after this snapshot
 * @param summary the whole snapshot summary, including userflow lineage keys
 */
public record SnapshotFact(
    long snapshotId,
    Long parentId,
    long timestampMillis,
    String operation,
    long addedRecords,
    long addedFiles,
    long addedBytes,
    long totalRecords,
    long totalFiles,
    long totalBytes,
    Map<String, String> summary) {

  public static final String APPEND = "append";
  /** Iceberg's operation for files replaced without changing the data (compaction, delete-file rewrites). */
  public static final String REPLACE = "replace";

  public SnapshotFact {
    summary = summary == null ? Map.of() : Map.copyOf(summary);
  }

  /**
   * Rows a reader sees after this snapshot: its records less the rows position deletes remove (merge-on-read), which
   * {@link #totalRecords()} still counts. Exact for tables whose deletes are position deletes, as every stage writes;
   * see {@link #hasEqualityDeletes()}.
   */
  public long liveRecords() {
    return totalRecords - count("total-position-deletes");
  }

  /** True when equality deletes exist, which {@link #liveRecords()} cannot subtract (no stage writes them). */
  public boolean hasEqualityDeletes() {
    return count("total-equality-deletes") > 0;
  }

  private long count(String key) {
    String v = summary.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  public boolean isAppend() {
    return APPEND.equals(operation);
  }

  /**
   * True when this snapshot changed no row: Iceberg's {@code replace}, which {@code rewrite_data_files} and
   * {@code rewrite_position_delete_files} commit. A downstream stage has nothing to process in it: incremental
   * reads skip it, and its added records are the rewritten ones, not new ones.
   */
  public boolean isDataNeutral() {
    return REPLACE.equals(operation);
  }

  /**
   * True when an upstream userflow stage committed this snapshot and declared exactly which date partitions it
   * rewrote; a downstream stage can then process it incrementally by those partitions although it is not an append.
   */
  public boolean declaresAffectedPartitions() {
    return summary.containsKey(io.userflow.core.lineage.LineageKeys.AFFECTED_DATES) && !isUpstreamFullRebuild();
  }

  /** True when an upstream userflow stage rebuilt its whole table in this snapshot. */
  public boolean isUpstreamFullRebuild() {
    return PlanMode.FULL.name().equals(summary.get(io.userflow.core.lineage.LineageKeys.PLAN_MODE))
        && !PlanReason.DATE_RANGE_REQUESTED.name().equals(summary.get(io.userflow.core.lineage.LineageKeys.PLAN_REASON));
  }
}
