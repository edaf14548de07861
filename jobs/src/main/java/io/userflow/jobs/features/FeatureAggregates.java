package io.userflow.jobs.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.expr.ExprType;
import io.userflow.core.features.Feature;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * One feature's aggregate {@link Column} over the rows of a key: its expression where its filter holds (a row the
 * filter leaves out contributes nothing), {@code count} and {@code sum} 0 over no rows, the rest null. Session
 * measures and derived features are not aggregates; {@link FeatureGroupTransforms} computes those.
 */
final class FeatureAggregates {
  private FeatureAggregates() {}

  /**
   * @param latest what orders the rows for {@code last}: the events' (event time, event id) in a daily group, the
   *     daily rows' date in a window
   */
  static Column of(Feature f, Map<String, ExprType> inputs, Column latest) {
    Column filter = f.filter() == null ? null : ExpressionColumns.compile(f.filter(), inputs);
    Column value = f.expression() == null ? lit(1) : ExpressionColumns.compile(f.expression(), inputs);
    Column kept = filter == null ? value : when(filter, value);
    Column aggregate = switch (f.aggregation()) {
      case COUNT -> count(kept);
      case SUM -> coalesce(sum(kept), lit(0));
      case MIN -> min(kept);
      case MAX -> max(kept);
      case AVG -> avg(kept);
      case COUNT_DISTINCT -> countDistinct(kept);
      // the latest row; no two rows of a key share the ordering, so the choice is the same on any order
      case LAST -> max_by(value, filter == null ? latest : when(filter, latest));
      case SESSIONS, AVG_SESSION_SECONDS -> throw new IllegalArgumentException(f.name() + " is a session measure");
    };
    return aggregate.cast(FeatureTypes.of(f.type())).as(f.name());
  }
}
