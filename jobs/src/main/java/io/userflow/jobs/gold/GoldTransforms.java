package io.userflow.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sequence;

import io.userflow.core.expr.ExprType;
import io.userflow.core.features.FeatureGroup;
import io.userflow.core.features.FeatureGroups;
import io.userflow.core.planner.AffectedPartitions;
import io.userflow.jobs.features.FeatureGroupTransforms;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gold's Dataset→Dataset steps: daily features from Silver, rolling 7-day features from daily, both computed from the
 * default feature groups ({@link FeatureGroups#defaults()}); the by-key variants for the keys a run changed.
 */
public final class GoldTransforms {
  private GoldTransforms() {}

  /**
   * Daily features per (user_id, feature_date) for {@code dates} (null: all): the default daily group over Silver.
   * Sessions count on the date they start; their duration may reach into later dates.
   */
  public static Dataset<Row> daily(Dataset<Row> silver, Collection<LocalDate> dates) {
    return FeatureGroupTransforms.daily(GoldSchema.DAILY_GROUP, FeatureGroups.SILVER_FIELDS, silver, dates);
  }

  /**
   * Rolling 7-day features per (user_id, as_of_date) for {@code asOfDates} (null: every date with activity in its
   * window): the default rolling group over daily rows. Each daily row counts toward as_of dates
   * feature_date..feature_date+6.
   */
  public static Dataset<Row> rolling(Dataset<Row> daily, Collection<LocalDate> asOfDates) {
    return FeatureGroupTransforms.rolling(GoldSchema.ROLLING_GROUP, GoldSchema.DAILY_GROUP, daily, asOfDates);
  }

  /**
   * Daily features for exactly the (user_id, feature_date) {@code keys}: {@link #daily} over those users' events on
   * {@code dates}, kept where the key was asked for.
   */
  public static Dataset<Row> dailyAt(Dataset<Row> silver, Dataset<Row> keys, Collection<LocalDate> dates) {
    return dailyAt(GoldSchema.DAILY_GROUP, FeatureGroups.SILVER_FIELDS, silver, keys, dates);
  }

  /**
   * A daily group keyed by user_id, for exactly the (user_id, feature_date) {@code keys}: its rows over those users'
   * events on {@code dates}, kept where the key was asked for.
   */
  public static Dataset<Row> dailyAt(FeatureGroup group, Map<String, ExprType> fields, Dataset<Row> silver,
      Dataset<Row> keys, Collection<LocalDate> dates) {
    Dataset<Row> users = keys.select(col("user_id").as("_ku")).distinct();
    Dataset<Row> theirs = silver.join(users, silver.col("user_id").equalTo(users.col("_ku")), "left_semi");
    return atKeys(FeatureGroupTransforms.daily(group, fields, theirs, dates), keys, "feature_date");
  }

  /** The rolling keys a change of daily {@code keys} (user_id, feature_date) reaches: (user_id, D..D+6). */
  public static Dataset<Row> rollingKeys(Dataset<Row> keys) {
    return rollingKeys(keys, AffectedPartitions.ROLLING_DAYS);
  }

  /** The keys of a window of {@code days} days a change of daily {@code keys} reaches: (user_id, D..D+days−1). */
  public static Dataset<Row> rollingKeys(Dataset<Row> keys, int days) {
    return keys.select(col("user_id"), explode(sequence(col("feature_date"),
        date_add(col("feature_date"), days - 1))).as("as_of_date")).distinct();
  }

  /**
   * Rolling features for exactly the (user_id, as_of_date) {@code keys}, from those users' daily rows of the
   * windows ending on {@code asOfDates}.
   */
  public static Dataset<Row> rollingAt(Dataset<Row> daily, Dataset<Row> keys, Collection<LocalDate> asOfDates) {
    return rollingAt(GoldSchema.ROLLING_GROUP, GoldSchema.DAILY_GROUP, daily, keys, asOfDates);
  }

  /** A window keyed by user_id over its daily group {@code tiles}'s rows, for exactly the (user_id, as_of_date) keys. */
  public static Dataset<Row> rollingAt(FeatureGroup group, FeatureGroup tiles, Dataset<Row> daily, Dataset<Row> keys,
      Collection<LocalDate> asOfDates) {
    Dataset<Row> users = keys.select(col("user_id").as("_ku")).distinct();
    Dataset<Row> window = windowRows(daily, asOfDates, group.days());
    Dataset<Row> theirs = window.join(users, window.col("user_id").equalTo(users.col("_ku")), "left_semi");
    return atKeys(FeatureGroupTransforms.rolling(group, tiles, theirs, asOfDates), keys, "as_of_date");
  }

  /**
   * The daily rows windows of {@code days} days ending on {@code asOfDates} read: feature_date from the first as-of
   * date's window start to the last as-of date; all rows for null, none for no date.
   */
  public static Dataset<Row> windowRows(Dataset<Row> daily, Collection<LocalDate> asOfDates, int days) {
    if (asOfDates == null) {
      return daily;
    }
    if (asOfDates.isEmpty()) {
      return daily.limit(0);
    }
    LocalDate first = asOfDates.stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate last = asOfDates.stream().max(LocalDate::compareTo).orElseThrow();
    return daily.filter(col("feature_date").between(Date.valueOf(first.minusDays(days - 1)), Date.valueOf(last)));
  }

  private static Dataset<Row> atKeys(Dataset<Row> rows, Dataset<Row> keys, String dateColumn) {
    Dataset<Row> k = keys.select(col("user_id").as("_ku"), col(dateColumn).as("_kd"));
    return rows.join(k, rows.col("user_id").equalTo(k.col("_ku")).and(rows.col(dateColumn).equalTo(k.col("_kd"))),
        "left_semi");
  }
}
