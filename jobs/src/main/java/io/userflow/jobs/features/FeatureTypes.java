package io.userflow.jobs.features;

import io.userflow.core.expr.ExprType;
import io.userflow.core.features.FeatureGroup;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/** The Spark types of feature columns, and a group's table layout. */
public final class FeatureTypes {
  private FeatureTypes() {}

  /**
   * Decimal features (sums of prices): wide enough that no valid Silver rows can overflow it — a price is at most
   * 10^14 and a quantity 10^6, so a user would need more than 10^14 events in one window — at a price's scale.
   */
  public static final DecimalType DECIMAL = DataTypes.createDecimalType(38, 4);

  public static DataType of(ExprType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case INTEGER -> DataTypes.LongType;
      case DECIMAL -> DECIMAL;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case NULL -> DataTypes.NullType;
    };
  }

  /** The group's table: entity, date, then its features in order. */
  public static StructType schema(FeatureGroup group) {
    StructType s = new StructType().add(group.entity(), DataTypes.StringType).add(group.dateColumn(), DataTypes.DateType);
    for (var f : group.features()) {
      s = s.add(f.name(), of(f.type()));
    }
    return s;
  }
}
