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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Gold as it was written by hand before feature groups (GoldSchema and GoldTransforms of gold-2), kept as the
 * reference the default groups must reproduce column for column and row for row.
 */
final class HandWrittenGold {
  private HandWrittenGold() {}

  static final DecimalType MONEY = DataTypes.createDecimalType(38, 4);

  private static StructType counts(StructType s) {
    return s.add("event_count", DataTypes.LongType).add("session_count", DataTypes.LongType)
        .add("page_view_count", DataTypes.LongType).add("product_view_count", DataTypes.LongType)
        .add("add_to_cart_count", DataTypes.LongType).add("purchase_count", DataTypes.LongType)
        .add("revenue", MONEY);
  }

  static final StructType DAILY = counts(new StructType().add("user_id", DataTypes.StringType)
      .add("feature_date", DataTypes.DateType))
      .add("avg_session_seconds", DataTypes.DoubleType).add("distinct_products_viewed", DataTypes.LongType)
      .add("first_event_time", DataTypes.TimestampType).add("last_event_time", DataTypes.TimestampType)
      .add("converted", DataTypes.BooleanType);

  static final StructType ROLLING = counts(new StructType().add("user_id", DataTypes.StringType)
      .add("as_of_date", DataTypes.DateType))
      .add("active_days", DataTypes.LongType).add("converted", DataTypes.BooleanType);

  private static Column countOf(String type) {
    return sum(when(col("event_type").equalTo(type), 1L).otherwise(0L));
  }

  /**
   * Daily features per (user_id, feature_date) for {@code dates} (null: all). Sessions count on the date they
   * start; their duration (last event − session start) may reach into later dates. All events of a session
   * lie on or after its start date, so only partitions from the first requested date on are read.
   */
  static Dataset<Row> daily(Dataset<Row> silver, Collection<LocalDate> dates) {
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
        col("price").cast(MONEY).multiply(coalesce(col("quantity"), lit(1)))).otherwise(lit(0).cast(MONEY));
    Dataset<Row> perDay = events.groupBy(col("user_id"), col("event_date").as("feature_date")).agg(
        count(lit(1)).as("event_count"), countOf("page_view").as("page_view_count"),
        countOf("product_view").as("product_view_count"), countOf("add_to_cart").as("add_to_cart_count"),
        countOf("purchase").as("purchase_count"), sum(amount).cast(MONEY).as("revenue"),
        countDistinct(when(col("event_type").equalTo("product_view"), col("product_id"))).as("distinct_products_viewed"),
        min("event_time").as("first_event_time"), max("event_time").as("last_event_time"));
    Dataset<Row> joined = perDay.join(bySessionStart, perDay.col("user_id").equalTo(bySessionStart.col("_suid"))
        .and(perDay.col("feature_date").equalTo(bySessionStart.col("_start_date"))), "left");
    return joined.withColumn("session_count", coalesce(col("_sessions"), lit(0L)))
        .withColumn("converted", col("purchase_count").gt(0))
        .selectExpr(DAILY.fieldNames());
  }

  /**
   * Rolling 7-day features per (user_id, as_of_date) for {@code asOfDates} (null: every date with activity in its
   * window). Each daily row counts toward as_of dates feature_date..feature_date+6.
   */
  static Dataset<Row> rolling(Dataset<Row> daily, Collection<LocalDate> asOfDates) {
    Dataset<Row> spread = daily.withColumn("as_of_date", explode(sequence(col("feature_date"),
        date_add(col("feature_date"), AffectedPartitions.ROLLING_DAYS - 1))))
        .filter(DateFilters.in("as_of_date", asOfDates));
    return spread.groupBy("user_id", "as_of_date").agg(
            sum("event_count").as("event_count"), sum("session_count").as("session_count"),
            sum("page_view_count").as("page_view_count"), sum("product_view_count").as("product_view_count"),
            sum("add_to_cart_count").as("add_to_cart_count"), sum("purchase_count").as("purchase_count"),
            sum("revenue").cast(MONEY).as("revenue"), count(lit(1)).as("active_days"))
        .withColumn("converted", col("purchase_count").gt(0))
        .selectExpr(ROLLING.fieldNames());
  }
}
