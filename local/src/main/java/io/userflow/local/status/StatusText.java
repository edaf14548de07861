package io.userflow.local.status;

import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link PipelineStatus} as text, one block per layer, in the manner of {@code kubectl describe}. */
public final class StatusText {
  private StatusText() {}

  public static String render(PipelineStatus status) {
    StringBuilder b = new StringBuilder();
    b.append(heading(status)).append('\n');
    for (LayerStatus l : status.layers()) {
      b.append('\n').append(String.format("%-15s %s%n", l.layer(), l.table()));
      fields(l).forEach((name, value) -> row(b, name, value));
    }
    return b.toString();
  }

  /** The header line: where the tables are. */
  public static String heading(PipelineStatus status) {
    return "Tables in " + status.layout().catalog() + '.' + status.layout().namespace();
  }

  /** One layer's Snapshot, Processed, Pending and Next, as {@link #render} prints them. */
  public static Map<String, String> fields(LayerStatus l) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Snapshot", l.current() == null ? "none (table missing or never written)"
        : l.current().snapshotId() + "  committed " + time(l.current().timestampMillis()) + "  ("
            + l.current().operation() + ", " + rows(l.current()) + ", " + l.snapshots() + " snapshots)");
    out.put("Processed", l.processed() == null ? "nothing from " + l.source() + " yet"
        : l.source() + (l.pendingSnapshots() == null ? " up to " : " snapshot ") + l.processed() + (l.processedAt() == null ? "" : "  committed " + time(l.processedAt())));
    out.put("Pending", pending(l));
    out.put("Next", next(l));
    return out;
  }

  /** Live rows, deletes applied: a snapshot's total-records counts the rows merge-on-read deletes removed too. */
  private static String rows(SnapshotFact s) {
    return (s.hasEqualityDeletes() ? "at most " : "") + s.liveRecords() + " rows";
  }

  private static String pending(LayerStatus l) {
    String note = l.pendingNote() == null ? "" : " (" + l.pendingNote() + ")";
    if (l.pendingSnapshots() == null) {
      return (l.pendingRecords() == null ? "unknown" : l.pendingRecords() + " records in Kafka") + note;
    }
    return l.pendingSnapshots() + " source snapshot(s), " + l.pendingRecords() + " records" + note;
  }

  private static String next(LayerStatus l) {
    RunPlan p = l.next();
    if (p == null) {
      return l.nextNote();
    }
    return p.mode() + " (" + p.reason() + ") " + p.message() + "  [" + l.nextNote() + "]";
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format("  %-11s %s%n", name + ":", value));
  }

  private static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
