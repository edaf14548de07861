package io.userflow.jobs.status;

import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;
import java.time.Instant;

/** {@link PipelineStatus} as text, one block per layer, in the manner of {@code kubectl describe}. */
public final class StatusText {
  private StatusText() {}

  public static String render(PipelineStatus status) {
    StringBuilder b = new StringBuilder();
    b.append("Tables in ").append(status.layout().catalog()).append('.').append(status.layout().namespace()).append('\n');
    for (LayerStatus l : status.layers()) {
      b.append('\n').append(String.format("%-15s %s%n", l.layer(), l.table()));
      row(b, "Snapshot", l.current() == null ? "none (table missing or never written)"
          : l.current().snapshotId() + "  committed " + time(l.current().timestampMillis()) + "  ("
              + l.current().operation() + ", " + rows(l.current()) + ", " + l.snapshots() + " snapshots)");
      row(b, "Processed", l.processed() == null ? "nothing from " + l.source() + " yet"
          : l.source() + (l.pendingSnapshots() == null ? " up to " : " snapshot ") + l.processed() + (l.processedAt() == null ? "" : "  committed " + time(l.processedAt())));
      row(b, "Pending", pending(l));
      row(b, "Next", next(l));
    }
    return b.toString();
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
