package io.userflow.jobs.gold;

import io.userflow.core.features.FeatureGroup;
import io.userflow.core.features.FeatureGroups;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.features.FeatureTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Column layouts of the Gold feature tables: those of the default feature groups. Revenue is a decimal so sums are
 * exact in any order.
 */
public final class GoldSchema {
  private GoldSchema() {}

  /** Revenue's type: {@link FeatureTypes#DECIMAL}. */
  public static final DecimalType MONEY = FeatureTypes.DECIMAL;

  /** The default daily group, user_daily_features. */
  static final FeatureGroup DAILY_GROUP = FeatureGroups.defaultGroup(TableLayout.DEFAULT_GOLD_DAILY);

  /** The default rolling group, user_rolling_7d_features over {@link #DAILY_GROUP}. */
  static final FeatureGroup ROLLING_GROUP = FeatureGroups.defaultGroup(TableLayout.DEFAULT_GOLD_ROLLING);

  /** user_daily_features, partitioned by feature_date. */
  public static final StructType DAILY = FeatureTypes.schema(DAILY_GROUP);

  /** user_rolling_7d_features, partitioned by as_of_date. */
  public static final StructType ROLLING = FeatureTypes.schema(ROLLING_GROUP);
}
