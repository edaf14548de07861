package io.userflow.operator.iceberg;

import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/** Copies what the planner needs out of an Iceberg table's metadata. */
public final class SnapshotFacts {
  private SnapshotFacts() {}

  public static SourceHistory history(String name, Table table) {
    List<SnapshotFact> facts = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      facts.add(fact(s));
    }
    Snapshot current = table.currentSnapshot();
    return new SourceHistory(name, current == null ? null : current.snapshotId(), facts);
  }

  static SnapshotFact fact(Snapshot s) {
    Map<String, String> summary = s.summary() == null ? Map.of() : s.summary();
    return new SnapshotFact(s.snapshotId(), s.parentId(), s.timestampMillis(), s.operation(),
        number(summary, SnapshotSummary.ADDED_RECORDS_PROP), number(summary, SnapshotSummary.ADDED_FILES_PROP),
        number(summary, SnapshotSummary.ADDED_FILE_SIZE_PROP), number(summary, SnapshotSummary.TOTAL_RECORDS_PROP),
        number(summary, SnapshotSummary.TOTAL_DATA_FILES_PROP), number(summary, SnapshotSummary.TOTAL_FILE_SIZE_PROP),
        summary);
  }

  private static long number(Map<String, String> summary, String key) {
    String value = summary.get(key);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
