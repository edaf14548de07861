package io.userflow.jobs.gold;

import static org.apache.spark.sql.functions.col;

import io.userflow.core.features.FeatureGroups;
import io.userflow.jobs.features.FeatureGroupTransforms;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gold's Dataset→Dataset steps: daily features from Silver, rolling 7-day features from daily, both computed from the
 * default feature groups ({@link FeatureGroups#defaults()}).
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

}
