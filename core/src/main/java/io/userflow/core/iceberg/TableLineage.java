package io.userflow.core.iceberg;

import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/** Copies what the planner needs out of Iceberg table metadata. Reads metadata only, never data files. */
public final class TableLineage {
  private TableLineage() {}

  /** The retained snapshots of {@code table}, its current main-branch snapshot and the heads of its other branches. */
  public static SourceHistory history(Table table) {
    List<SnapshotFact> facts = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      facts.add(fact(s));
    }
    Map<String, Long> branches = new TreeMap<>();
    table.refs().forEach((name, ref) -> {
      if (ref.isBranch() && !SnapshotRef.MAIN_BRANCH.equals(name)) {
        branches.put(name, ref.snapshotId());
      }
    });
    Snapshot current = table.currentSnapshot();
    return new SourceHistory(table.name(), current == null ? null : current.snapshotId(), facts, branches);
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
