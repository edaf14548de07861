package io.userflow.core.training;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * When each snapshot of a table became its main branch's current one: the table's snapshot log, without entries
 * whose snapshot was expired. A training set "as known at t" reads, for each label, the snapshot current at t.
 *
 * @param complete whether the retained log reaches back to the table's first snapshot; if it does, a time before
 *     it saw no rows yet (features null), otherwise expiry removed what was current then and such a time is refused
 */
public record KnownAtTimeline(String table, List<Entry> entries, boolean complete) {
  /** Snapshot {@code snapshotId} was current from {@code fromMillis} until the next entry's time. */
  public record Entry(long fromMillis, long snapshotId) {}

  public KnownAtTimeline {
    entries = List.copyOf(entries);
  }

  /** Reads {@code table}'s metadata (no data files). */
  public static KnownAtTimeline of(Table table) {
    List<Entry> entries = table.history().stream().filter(e -> table.snapshot(e.snapshotId()) != null)
        .map((HistoryEntry e) -> new Entry(e.timestampMillis(), e.snapshotId())).toList();
    boolean complete = entries.isEmpty() || firstSnapshotOf(table, entries.get(0).snapshotId());
    return new KnownAtTimeline(table.name(), entries, complete);
  }

  /**
   * The timeline as it stood when {@code snapshotId} became current: later entries are dropped, so a label after that
   * time sees {@code snapshotId}, and the same labels give the same answer however the table grows.
   */
  public KnownAtTimeline upTo(long snapshotId) {
    int last = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).snapshotId() == snapshotId) {
        last = i;
      }
    }
    if (last < 0) {
      throw new IllegalArgumentException("table " + table + " has no snapshot " + snapshotId + " in its retained "
          + "history of current snapshots" + (entries.isEmpty() ? "" : "; the newest is "
          + entries.get(entries.size() - 1).snapshotId()));
    }
    return new KnownAtTimeline(table, entries.subList(0, last + 1), complete);
  }

  private static boolean firstSnapshotOf(Table table, long snapshotId) {
    Snapshot s = table.snapshot(snapshotId);
    // an expired history leaves the oldest retained snapshot with a parent id that no longer resolves
    return s.parentId() == null;
  }

  /**
   * The snapshot current at {@code time}; empty if the table had none yet. A time before the retained history of a
   * table whose older snapshots were expired is refused, naming the oldest time that can be asked for.
   */
  public OptionalLong snapshotAt(Instant time) {
    long t = time.toEpochMilli();
    Long found = null;
    for (Entry e : entries) {
      if (e.fromMillis() <= t) {
        found = e.snapshotId();
      }
    }
    if (found != null) {
      return OptionalLong.of(found);
    }
    if (!complete) {
      throw new IllegalArgumentException("table " + table + " no longer holds what it held at " + time
          + ": snapshot expiry removed that history; the oldest time a training set can be known at is "
          + oldestUsable() + " (keep snapshots longer, or use event-time mode)");
    }
    return OptionalLong.empty();
  }

  /** The oldest time {@link #snapshotAt} answers with a snapshot, or null when the table has none. */
  public Instant oldestUsable() {
    return entries.isEmpty() ? null : Instant.ofEpochMilli(entries.get(0).fromMillis());
  }
}
