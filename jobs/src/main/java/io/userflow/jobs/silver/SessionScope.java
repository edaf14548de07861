package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds exactly which session partitions an incremental run must rewrite. New events can extend, merge or
 * split sessions of their users; every event date of a session that gained, lost or re-ordered events
 * changes, and nothing else does.
 */
public final class SessionScope {
  private SessionScope() {}

  /** Existing Silver rows of the users that have new events. */
  public static Dataset<Row> existingOfAffectedUsers(Dataset<Row> existing, Dataset<Row> newEvents) {
    Dataset<Row> users = newEvents.select(col("user_id").as("_uid")).distinct();
    return existing.join(users, existing.col("user_id").equalTo(users.col("_uid")), "left_semi");
  }

  /** The affected users' whole timelines (existing plus new events) sessionized again. */
  public static Dataset<Row> resessionize(Dataset<Row> existingAffected, Dataset<Row> newEvents, int gapMinutes) {
    Dataset<Row> combined = existingAffected.drop("session_id", "session_start").unionByName(newEvents);
    return SilverTransforms.sessionize(combined, gapMinutes);
  }

  /** Event dates whose rows differ between {@code existingAffected} and {@code resessioned}. */
  public static SortedSet<LocalDate> changedDates(Dataset<Row> existingAffected, Dataset<Row> resessioned) {
    Dataset<Row> old = existingAffected.select(col("event_id").as("_old_id"), col("session_id").as("_old_sid"));
    Dataset<Row> joined = resessioned.join(old, resessioned.col("event_id").equalTo(old.col("_old_id")), "left");
    Dataset<Row> changedNew = joined.filter(col("_old_sid").isNull().or(col("_old_sid").notEqual(col("session_id"))))
        .select(col("session_id").as("_sid")).distinct();
    Dataset<Row> changedOld = joined.filter(col("_old_sid").isNotNull().and(col("_old_sid").notEqual(col("session_id"))))
        .select(col("_old_sid").as("_sid")).distinct();
    Dataset<Row> newDates = resessioned.join(changedNew, resessioned.col("session_id").equalTo(changedNew.col("_sid")), "left_semi")
        .select("event_date");
    Dataset<Row> oldDates = existingAffected.join(changedOld, existingAffected.col("session_id").equalTo(changedOld.col("_sid")), "left_semi")
        .select("event_date");
    List<Row> rows = newDates.union(oldDates).distinct().collectAsList();
    TreeSet<LocalDate> out = new TreeSet<>();
    for (Row r : rows) {
      out.add(r.getDate(0).toLocalDate());
    }
    return out;
  }
}
