package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Finds exactly which session partitions an incremental run must rewrite. New events can extend, merge or
 * split sessions of their users; every event date of a session that gained, lost or re-ordered events
 * changes, and nothing else does.
 */
public final class SessionScope {
  private SessionScope() {}

  /**
   * The existing sessions a batch of new events can change, complete: every session with an event within
   * {@code gapMinutes} of a new event of the same user. Adding events can only extend or merge sessions, never
   * split them, and a new event joins a session exactly when one of that session's events lies within the gap;
   * so re-sessionizing these sessions together with the new events gives the same result as re-sessionizing
   * the users' whole timelines, while reading only the partitions around the new events.
   */
  public static Dataset<Row> sessionsNear(Dataset<Row> existing, Dataset<Row> fresh, int gapMinutes) {
    List<Row> freshDates = fresh.select("event_date").distinct().collectAsList();
    if (freshDates.isEmpty()) {
      return existing.limit(0);
    }
    int spanDays = (int) Math.ceil(gapMinutes / 1440.0);
    TreeSet<java.sql.Date> window = new TreeSet<>();
    for (Row r : freshDates) {
      LocalDate d = r.getDate(0).toLocalDate();
      for (int i = -spanDays; i <= spanDays; i++) {
        window.add(java.sql.Date.valueOf(d.plusDays(i)));
      }
    }
    Dataset<Row> times = fresh.select(col("user_id").as("_u"), unix_millis(col("event_time")).as("_t"));
    Dataset<Row> nearby = existing.filter(col("event_date").isin(window.toArray()));
    Dataset<Row> near = nearby.join(times, nearby.col("user_id").equalTo(times.col("_u"))
            .and(abs(unix_millis(nearby.col("event_time")).minus(times.col("_t"))).leq(gapMinutes * 60_000L)))
        .select(col("session_id").as("_sid"), col("session_start").as("_start")).distinct()
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row first = near.agg(min(to_date(col("_start")))).first();
    if (first.isNullAt(0)) {
      near.unpersist();
      return existing.limit(0);
    }
    // a session's events all lie on or after the date it started
    Dataset<Row> candidates = existing.filter(col("event_date").geq(first.getDate(0)));
    return candidates.join(near, candidates.col("session_id").equalTo(near.col("_sid")), "left_semi");
  }

  /** The affected sessions and the new events, sessionized again. */
  public static Dataset<Row> resessionize(Dataset<Row> existingAffected, Dataset<Row> newEvents, int gapMinutes) {
    Dataset<Row> combined = existingAffected.drop("session_id", "session_start").unionByName(newEvents);
    return SilverTransforms.sessionize(combined, gapMinutes);
  }

  /**
   * The rows of {@code resessioned} that Silver does not hold as they are: new events, and existing events whose
   * session changed (extended backwards, or merged into another). An existing event whose session kept its start
   * keeps its row: session_id is a hash of (user, start), so the same id means the same session columns.
   */
  public static Dataset<Row> changedRows(Dataset<Row> existingAffected, Dataset<Row> resessioned) {
    Dataset<Row> old = existingAffected.select(col("event_id").as("_old_id"), col("session_id").as("_old_sid"));
    return resessioned.join(old, resessioned.col("event_id").equalTo(old.col("_old_id")), "left")
        .filter(col("_old_sid").isNull().or(col("_old_sid").notEqual(col("session_id"))))
        .drop("_old_id", "_old_sid");
  }

  /**
   * The dates whose per-user features the changed rows touch: their event dates (event counts) and the dates their
   * sessions start on (session counts and durations). A session that lost its start to an earlier event, or was
   * merged away, started on one of its own events' dates, and all of those events are among the changed rows.
   */
  public static Dataset<Row> changedKeys(Dataset<Row> changedRows) {
    return changedRows.select(col("user_id"), col("event_date").as("feature_date"))
        .union(changedRows.select(col("user_id"), to_date(col("session_start")).as("feature_date")))
        .distinct();
  }

  /** The distinct dates of {@link #changedKeys}. */
  public static SortedSet<LocalDate> dates(Dataset<Row> keys) {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (Row r : keys.select("feature_date").distinct().collectAsList()) {
      out.add(r.getDate(0).toLocalDate());
    }
    return out;
  }

  /** Rows of {@code resessioned} in the sessions the changed rows belong to: what a session-level rewrite writes. */
  public static long rowsInChangedSessions(Dataset<Row> resessioned, Dataset<Row> changedRows) {
    Dataset<Row> sessions = changedRows.select(col("session_id").as("_sid")).distinct();
    return resessioned.join(sessions, resessioned.col("session_id").equalTo(sessions.col("_sid")), "left_semi").count();
  }
}
