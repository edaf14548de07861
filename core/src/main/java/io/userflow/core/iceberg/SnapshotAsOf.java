package io.userflow.core.iceberg;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Which snapshot a point-in-time read sees: a snapshot id, or the main-branch snapshot that was current at a time
 * (as Iceberg's {@code TIMESTAMP AS OF} picks it). A reference outside the table's retained history fails with a
 * message naming the earliest snapshot a read can go back to. Reads metadata only.
 */
public final class SnapshotAsOf {
  private SnapshotAsOf() {}

  /** Snapshot id for {@code reference}: all digits is a snapshot id, anything else a time ({@link #parseTime}). */
  public static long resolve(Table table, String reference) {
    String ref = reference.trim();
    return ref.matches("\\d+") ? byId(table, Long.parseLong(ref)) : byTime(table, parseTime(ref));
  }

  public static long byId(Table table, long snapshotId) {
    if (table.snapshot(snapshotId) == null) {
      throw new IllegalArgumentException("table " + table.name() + " has no snapshot " + snapshotId + "; " + range(table));
    }
    return snapshotId;
  }

  public static long byTime(Table table, Instant time) {
    Long found = null;
    for (HistoryEntry e : retainedHistory(table)) {
      if (e.timestampMillis() <= time.toEpochMilli()) {
        found = e.snapshotId();
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("table " + table.name() + " has no snapshot at or before " + time + "; " + range(table));
    }
    return found;
  }

  /**
   * A time as Spark's {@code TIMESTAMP AS OF} reads it in a UTC session: {@code 2026-11-05T10:00:00Z}, with an
   * offset, {@code 2026-11-05 10:00:00} or {@code 2026-11-05T10:00} (UTC), or {@code 2026-11-05} (midnight UTC).
   */
  public static Instant parseTime(String text) {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // not with a zone
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is neither a snapshot id nor a time such as 2026-11-05T10:00:00Z,"
          + " 2026-11-05 10:00:00 (UTC) or 2026-11-05");
    }
  }

  /** "its history starts at snapshot N committed T (k snapshots, the current one M committed T')". */
  static String range(Table table) {
    List<HistoryEntry> history = retainedHistory(table);
    if (history.isEmpty()) {
      return "it has no snapshot yet";
    }
    HistoryEntry first = history.get(0);
    Snapshot current = table.currentSnapshot();
    return "its earliest snapshot is " + first.snapshotId() + " committed " + Instant.ofEpochMilli(first.timestampMillis())
        + " (" + history.size() + " in its history; the current one is " + current.snapshotId() + " committed "
        + Instant.ofEpochMilli(current.timestampMillis()) + ")";
  }

  /** The main branch's snapshot log, oldest first, without entries whose snapshot was expired. */
  private static List<HistoryEntry> retainedHistory(Table table) {
    return table.history().stream().filter(e -> table.snapshot(e.snapshotId()) != null).toList();
  }
}
