package io.userflow.jobs.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.planner.AffectedPartitions;
import io.userflow.jobs.spark.DateFilters;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Gold's Dataset→Dataset steps: daily features from Silver, rolling 7-day features from daily. */
public final class GoldTransforms {
  private GoldTransforms() {}

  private static Column countOf(String type) {
    return sum(when(col("event_type").equalTo(type), 1L).otherwise(0L));
  }

  /**
   * Daily features per (user_id, feature_date) for {@code dates} (null: all). Sessions count on the date they
   * start; their duration (last event − session start) may reach into later dates. All events of a session
   * lie on or after its start date, so only partitions from the first requested date on are read.
   */
  public static Dataset<Row> daily(Dataset<Row> silver, Collection<LocalDate> dates) {
    Dataset<Row> events = silver.filter(DateFilters.in("event_date", dates));
    Dataset<Row> fromFirst = dates == null || dates.isEmpty() ? silver
        : silver.filter(col("event_date").geq(Date.valueOf(dates.stream().min(LocalDate::compareTo).orElseThrow())));
    Dataset<Row> bySessionStart = fromFirst.withColumn("_start_date", to_date(col("session_start")))
        .filter(DateFilters.in("_start_date", dates))
        .groupBy(col("user_id").as("_suid"), col("_start_date"), col("session_id"))
        .agg(min("session_start").as("_start"), max("event_time").as("_end"))
        .groupBy("_suid", "_start_date")
        .agg(count(lit(1)).as("_sessions"),
            avg(unix_millis(col("_end")).minus(unix_millis(col("_start")))).divide(1000.0).as("avg_session_seconds"));
    Column amount = when(col("event_type").equalTo("purchase"),
        col("price").cast(GoldSchema.MONEY).multiply(coalesce(col("quantity"), lit(1)))).otherwise(lit(0).cast(GoldSchema.MONEY));
    Dataset<Row> perDay = events.groupBy(col("user_id"), col("event_date").as("feature_date")).agg(
        count(lit(1)).as("event_count"), countOf("page_view").as("page_view_count"),
        countOf("product_view").as("product_view_count"), countOf("add_to_cart").as("add_to_cart_count"),
        countOf("purchase").as("purchase_count"), sum(amount).cast(GoldSchema.MONEY).as("revenue"),
        countDistinct(when(col("event_type").equalTo("product_view"), col("product_id"))).as("distinct_products_viewed"),
        min("event_time").as("first_event_time"), max("event_time").as("last_event_time"));
    Dataset<Row> joined = perDay.join(bySessionStart, perDay.col("user_id").equalTo(bySessionStart.col("_suid"))
        .and(perDay.col("feature_date").equalTo(bySessionStart.col("_start_date"))), "left");
    return joined.withColumn("session_count", coalesce(col("_sessions"), lit(0L)))
        .withColumn("converted", col("purchase_count").gt(0))
        .selectExpr(GoldSchema.DAILY.fieldNames());
  }

  /**
   * Rolling 7-day features per (user_id, as_of_date) for {@code asOfDates} (null: every date with activity in its
   * window). Each daily row counts toward as_of dates feature_date..feature_date+6.
   */
  public static Dataset<Row> rolling(Dataset<Row> daily, Collection<LocalDate> asOfDates) {
    Dataset<Row> spread = daily.withColumn("as_of_date", explode(sequence(col("feature_date"),
        date_add(col("feature_date"), AffectedPartitions.ROLLING_DAYS - 1))))
        .filter(DateFilters.in("as_of_date", asOfDates));
    return spread.groupBy("user_id", "as_of_date").agg(
            sum("event_count").as("event_count"), sum("session_count").as("session_count"),
            sum("page_view_count").as("page_view_count"), sum("product_view_count").as("product_view_count"),
            sum("add_to_cart_count").as("add_to_cart_count"), sum("purchase_count").as("purchase_count"),
            sum("revenue").cast(GoldSchema.MONEY).as("revenue"), count(lit(1)).as("active_days"))
        .withColumn("converted", col("purchase_count").gt(0))
        .selectExpr(GoldSchema.ROLLING.fieldNames());
  }

  /**
   * Daily features for exactly the (user_id, feature_date) {@code keys}: {@link #daily} over those users' events on
   * {@code dates}, kept where the key was asked for.
   */
  public static Dataset<Row> dailyAt(Dataset<Row> silver, Dataset<Row> keys, Collection<LocalDate> dates) {
    Dataset<Row> users = keys.select(col("user_id").as("_ku")).distinct();
    Dataset<Row> theirs = silver.join(users, silver.col("user_id").equalTo(users.col("_ku")), "left_semi");
    return atKeys(daily(theirs, dates), keys, "feature_date");
  }

  /** The rolling keys a change of daily {@code keys} (user_id, feature_date) reaches: (user_id, D..D+6). */
  public static Dataset<Row> rollingKeys(Dataset<Row> keys) {
    return keys.select(col("user_id"), explode(sequence(col("feature_date"),
        date_add(col("feature_date"), AffectedPartitions.ROLLING_DAYS - 1))).as("as_of_date")).distinct();
  }

  /**
   * Rolling features for exactly the (user_id, as_of_date) {@code keys}, from those users' daily rows of the
   * windows ending on {@code asOfDates}.
   */
  public static Dataset<Row> rollingAt(Dataset<Row> daily, Dataset<Row> keys, Collection<LocalDate> asOfDates) {
    Dataset<Row> users = keys.select(col("user_id").as("_ku")).distinct();
    LocalDate first = asOfDates.stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate last = asOfDates.stream().max(LocalDate::compareTo).orElseThrow();
    Dataset<Row> window = daily.filter(col("feature_date").between(
        Date.valueOf(first.minusDays(AffectedPartitions.ROLLING_DAYS - 1)), Date.valueOf(last)));
    Dataset<Row> theirs = window.join(users, window.col("user_id").equalTo(users.col("_ku")), "left_semi");
    return atKeys(rolling(theirs, asOfDates), keys, "as_of_date");
  }

  private static Dataset<Row> atKeys(Dataset<Row> rows, Dataset<Row> keys, String dateColumn) {
    Dataset<Row> k = keys.select(col("user_id").as("_ku"), col(dateColumn).as("_kd"));
    return rows.join(k, rows.col("user_id").equalTo(k.col("_ku")).and(rows.col(dateColumn).equalTo(k.col("_kd"))),
        "left_semi");
  }
}
