package io.userflow.core.iceberg;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.AffectedPartitions;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** Copies what the planner needs out of Iceberg table metadata. Reads metadata only, never data files. */
public final class TableLineage {
  private TableLineage() {}

  /** The retained snapshots of {@code table} and its current main-branch snapshot. */
  public static SourceHistory history(Table table) {
    List<SnapshotFact> facts = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      facts.add(fact(s));
    }
    Snapshot current = table.currentSnapshot();
    return new SourceHistory(table.name(), current == null ? null : current.snapshotId(), facts);
  }

  /** The lineage of the newest main-branch snapshot that userflow committed with a source snapshot id. */
  public static TargetState targetState(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return TargetState.never();
    }
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      Map<String, String> summary = s.summary();
      String source = summary == null ? null : summary.get(LineageKeys.SOURCE_SNAPSHOT_ID);
      if (source != null) {
        return new TargetState(Long.parseLong(source), summary.get(LineageKeys.TRANSFORM_VERSION), s.snapshotId());
      }
    }
    return TargetState.never();
  }

  /**
   * Union of the {@link LineageKeys#AFFECTED_DATES} recorded by main-branch snapshots after
   * {@code fromExclusive} (null: from the start) up to {@code toInclusive}.
   */
  public static SortedSet<LocalDate> affectedDates(Table table, Long fromExclusive, long toInclusive) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (Snapshot s : SnapshotUtil.ancestorsOf(toInclusive, table::snapshot)) {
      if (fromExclusive != null && s.snapshotId() == fromExclusive) {
        break;
      }
      dates.addAll(AffectedPartitions.parse(s.summary().get(LineageKeys.AFFECTED_DATES)));
    }
    return dates;
  }

  static SnapshotFact fact(Snapshot s) {
    Map<String, String> sum = s.summary() == null ? Map.of() : s.summary();
    return new SnapshotFact(s.snapshotId(), s.parentId(), s.timestampMillis(), s.operation(),
        num(sum, SnapshotSummary.ADDED_RECORDS_PROP), num(sum, SnapshotSummary.ADDED_FILES_PROP),
        num(sum, SnapshotSummary.ADDED_FILE_SIZE_PROP), num(sum, SnapshotSummary.TOTAL_RECORDS_PROP),
        num(sum, SnapshotSummary.TOTAL_DATA_FILES_PROP), num(sum, SnapshotSummary.TOTAL_FILE_SIZE_PROP), sum);
  }

  private static long num(Map<String, String> summary, String key) {
    String v = summary.get(key);
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
