package io.userflow.jobs.gold;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/** Column layouts of the Gold feature tables. Revenue is a decimal so sums are exact in any order. */
public final class GoldSchema {
  private GoldSchema() {}

  /**
   * Wide enough that no valid Silver rows can overflow it: a price is at most 10^14 and a quantity 10^6, so a
   * user would need more than 10^14 events in one 7-day window.
   */
  public static final DecimalType MONEY = DataTypes.createDecimalType(38, 4);

  private static StructType counts(StructType s) {
    return s.add("event_count", DataTypes.LongType).add("session_count", DataTypes.LongType)
        .add("page_view_count", DataTypes.LongType).add("product_view_count", DataTypes.LongType)
        .add("add_to_cart_count", DataTypes.LongType).add("purchase_count", DataTypes.LongType)
        .add("revenue", MONEY);
  }

  /** user_daily_features, partitioned by feature_date. */
  public static final StructType DAILY = counts(new StructType().add("user_id", DataTypes.StringType)
      .add("feature_date", DataTypes.DateType))
      .add("avg_session_seconds", DataTypes.DoubleType).add("distinct_products_viewed", DataTypes.LongType)
      .add("first_event_time", DataTypes.TimestampType).add("last_event_time", DataTypes.TimestampType)
      .add("converted", DataTypes.BooleanType);

  /** user_rolling_7d_features, partitioned by as_of_date. */
  public static final StructType ROLLING = counts(new StructType().add("user_id", DataTypes.StringType)
      .add("as_of_date", DataTypes.DateType))
      .add("active_days", DataTypes.LongType).add("converted", DataTypes.BooleanType);
}
