package io.userflow.core.planner;

import io.userflow.core.features.DefinitionChange;
import java.util.List;

/**
 * The planner's decision, complete enough to run and to show a person.
 *
 * @param mode NOOP, INCREMENTAL or FULL
 * @param reason stable reason code
 * @param message one sentence a person can read in {@code kubectl describe}
 * @param sourceTable source table name
 * @param fromSnapshotExclusive last processed source snapshot (exclusive start), null for FULL
 * @param toSnapshotInclusive source snapshot to process up to, null when the source is empty
 * @param snapshotCount source snapshots in range (FULL: all ancestors of the current one)
 * @param records records to read (estimate from snapshot summaries)
 * @param files data files to read (estimate)
 * @param bytes bytes to read (estimate)
 * @param partitions partitions the run rewrites; for INCREMENTAL they are known only after reading the delta
 * @param range the event dates a backfill rebuilds ({@link PlanReason#DATE_RANGE_REQUESTED}); null for every other
 *     plan, also when a range was asked for but a FULL over everything takes precedence (no earlier run, a new
 *     transform, expired history)
 * @param rebuilds Gold: the declared feature groups' tables this run rebuilds in full because the group is new or its
 *     definition changed; the run's mode and partitions are those of the other tables
 */
public record RunPlan(
    PlanMode mode,
    PlanReason reason,
    String message,
    String sourceTable,
    Long fromSnapshotExclusive,
    Long toSnapshotInclusive,
    int snapshotCount,
    long records,
    long files,
    long bytes,
    AffectedPartitions partitions,
    DateRange range,
    List<DefinitionChange> rebuilds) {

  public RunPlan {
    rebuilds = rebuilds == null ? List.of() : List.copyOf(rebuilds);
  }

  /** A plan that rebuilds no declared table on its own account. */
  public RunPlan(PlanMode mode, PlanReason reason, String message, String sourceTable, Long fromSnapshotExclusive,
      Long toSnapshotInclusive, int snapshotCount, long records, long files, long bytes, AffectedPartitions partitions,
      DateRange range) {
    this(mode, reason, message, sourceTable, fromSnapshotExclusive, toSnapshotInclusive, snapshotCount, records, files,
        bytes, partitions, range, List.of());
  }

  /** Whether the declared group's table {@code table} is rebuilt in full by this run. */
  public boolean rebuilds(String table) {
    return partitions.all() || rebuilds.stream().anyMatch(c -> c.table().equals(table));
  }

  public boolean isNoop() {
    return mode == PlanMode.NOOP;
  }

  /**
   * A FULL run nobody asked for: the planner chose it (no lineage, expired or rolled-back history, a new transform,
   * a large delta, an upstream rebuild), not a FULL request or a date range. Such a run must not silently shrink
   * its table.
   */
  public boolean isUnrequestedFull() {
    return isUnrequestedFull(mode, reason);
  }

  /** {@link #isUnrequestedFull()} of a plan known by its mode and reason (a plan shown in a status). */
  public static boolean isUnrequestedFull(PlanMode mode, PlanReason reason) {
    return mode == PlanMode.FULL && reason != null && reason != PlanReason.FORCED_BY_REQUEST
        && reason != PlanReason.DATE_RANGE_REQUESTED;
  }

  /** A short range label such as "123..456" or "..456", used in names and printer columns. */
  public String snapshotRange() {
    String to = toSnapshotInclusive == null ? "" : Long.toString(toSnapshotInclusive);
    return (fromSnapshotExclusive == null ? "" : Long.toString(fromSnapshotExclusive)) + ".." + to;
  }
}
