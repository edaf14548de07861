package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import io.userflow.jobs.spark.Cached;

/**
 * Finds exactly which session partitions an incremental run must rewrite. New events can extend, merge or
 * split sessions of their users; every event date of a session that gained, lost or re-ordered events
 * changes, and nothing else does.
 */
public final class SessionScope {
  /** The session an existing event had before {@link #resessionize}; null for a new event. */
  static final String OLD_SESSION = "_old_session_id";

  private SessionScope() {}

  /**
   * The existing sessions a batch of new events can change, complete: every session with an event within
   * {@code gapMinutes} of a new event of the same user. Adding events can only extend or merge sessions, never
   * split them, and a new event joins a session exactly when one of that session's events lies within the gap;
   * so re-sessionizing these sessions together with the new events gives the same result as re-sessionizing
   * the users' whole timelines, while reading only the partitions around the new events. For a {@code smallBatch}
   * the sessions found are collected to the driver; otherwise they stay distributed, persisted in {@code cached}.
   */
  public static Dataset<Row> sessionsNear(Dataset<Row> existing, Dataset<Row> fresh, SortedSet<LocalDate> freshDates,
      int gapMinutes, boolean smallBatch, Cached cached) {
    if (freshDates.isEmpty()) {
      return existing.limit(0);
    }
    int spanDays = (int) Math.ceil(gapMinutes / 1440.0);
    TreeSet<java.sql.Date> window = new TreeSet<>();
    for (LocalDate d : freshDates) {
      for (int i = -spanDays; i <= spanDays; i++) {
        window.add(java.sql.Date.valueOf(d.plusDays(i)));
      }
    }
    Dataset<Row> times = fresh.select(col("user_id").as("_u"), unix_millis(col("event_time")).as("_t"));
    Dataset<Row> nearby = existing.filter(col("event_date").isin(window.toArray()));
    Dataset<Row> nearQuery = nearby.join(times, nearby.col("user_id").equalTo(times.col("_u"))
            .and(abs(unix_millis(nearby.col("event_time")).minus(times.col("_t"))).leq(gapMinutes * 60_000L)))
        .select(col("session_id").as("_sid"), to_date(col("session_start")).as("_start_date")).distinct();
    Dataset<Row> near;
    java.sql.Date first;
    if (smallBatch) {
      // about the new events' sessions: to the driver, and back as a local relation that the next read joins
      // without a job of its own
      List<Row> sessions = nearQuery.collectAsList();
      first = sessions.stream().map(r -> r.getDate(1)).min(java.util.Comparator.naturalOrder()).orElse(null);
      near = broadcast(existing.sparkSession().createDataFrame(sessions, nearQuery.schema()));
    } else {
      near = cached.keep(nearQuery);
      first = near.agg(min(col("_start_date"))).first().getDate(0);
    }
    if (first == null) {
      return existing.limit(0);
    }
    // a session's events all lie on or after the date it started
    Dataset<Row> candidates = existing.filter(col("event_date").geq(first));
    return candidates.join(near, candidates.col("session_id").equalTo(near.col("_sid")), "left_semi");
  }

  /**
   * The affected sessions and the new events, sessionized again; each row keeps the session it had in
   * {@value #OLD_SESSION} (null for a new event), which {@link #change} compares.
   */
  public static Dataset<Row> resessionize(Dataset<Row> existingAffected, Dataset<Row> newEvents, int gapMinutes) {
    Dataset<Row> combined = existingAffected.withColumn(OLD_SESSION, col("session_id"))
        .drop("session_id", "session_start")
        .unionByName(newEvents.withColumn(OLD_SESSION, lit(null).cast("string")));
    return SilverTransforms.sessionize(combined, gapMinutes);
  }

  /**
   * What re-sessionizing changed: the rows of {@code resessioned} Silver does not hold as they are (new events, and
   * existing events whose session changed: extended backwards, or merged into another), the dates whose per-user
   * features they touch, and the rows of their sessions. An existing event whose session kept its start keeps its
   * row: session_id is a hash of (user, start), so the same id means the same session columns.
   *
   * @param rows the changed rows, persisted until {@code cached} is closed
   * @param dates their event dates (event counts) and their sessions' start dates (session counts and durations).
   *     A session that lost its start to an earlier event, or was merged away, started on one of its own events'
   *     dates, and all of those events are among the changed rows.
   * @param sessionRows rows of the sessions with a changed row: what a rewrite by session would write
   */
  public record Change(Dataset<Row> rows, SortedSet<LocalDate> dates, long sessionRows) {}

  public static Change change(Dataset<Row> resessioned, Cached cached) {
    Dataset<Row> flagged = cached.keep(resessioned
        .withColumn("_changed", col(OLD_SESSION).isNull().or(col(OLD_SESSION).notEqual(col("session_id"))))
        .drop(OLD_SESSION));
    // one pass: per session its rows and the dates its changed rows touch, then over the sessions that changed
    Row totals = flagged.groupBy("session_id")
        .agg(count(lit(1)).as("_n"), max(col("_changed")).as("_any"),
            collect_set(when(col("_changed"), col("event_date"))).as("_dates"), min(to_date(col("session_start"))).as("_start"))
        .filter(col("_any"))
        .agg(sum("_n"), array_distinct(flatten(collect_list(array_union(col("_dates"), array(col("_start")))))))
        .first();
    TreeSet<LocalDate> dates = new TreeSet<>();
    if (!totals.isNullAt(1)) {
      totals.<java.sql.Date>getList(1).forEach(d -> dates.add(d.toLocalDate()));
    }
    Dataset<Row> rows = flagged.filter(col("_changed")).drop("_changed");
    return new Change(rows, dates, totals.isNullAt(0) ? 0 : totals.getLong(0));
  }
}
