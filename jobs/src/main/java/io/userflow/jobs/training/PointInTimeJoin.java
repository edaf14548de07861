package io.userflow.jobs.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.userflow.core.training.FeatureRef;
import io.userflow.core.training.PointInTime.TableKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The point-in-time join of labels with one feature table, as pure Dataset steps. Labels carry
 * {@link EntityRows#ROW}, {@link EntityRows#KEY}, {@link EntityRows#DAY} and, as known at a time, {@link #SNAPSHOT};
 * feature rows the table's key, date column and features and, as known at a time, {@link #SNAPSHOT} (the snapshot
 * they were read at). The result has one row per label: its {@link EntityRows#ROW} and one column per feature.
 */
final class PointInTimeJoin {
  /** The snapshot a label reads (as known at its time) and a feature row was read at. */
  static final String SNAPSHOT = EntityRows.PREFIX + "snapshot";
  private static final String SIDE = EntityRows.PREFIX + "side";
  private static final String FEATURES = EntityRows.PREFIX + "features";
  private static final String VALUE = EntityRows.PREFIX + "value";

  private PointInTimeJoin() {}

  static Dataset<Row> join(Dataset<Row> labels, Dataset<Row> table, String tableName, TableKind kind, String keyColumn,
      List<String> features, boolean bySnapshot) {
    return kind == TableKind.DAILY_TILE
        ? newestTile(labels, table, tableName, kind.dateColumn(), keyColumn, features, bySnapshot)
        : exactDay(labels, table, tableName, kind.dateColumn(), keyColumn, features, bySnapshot);
  }

  /**
   * Each label gets the newest feature row of its key dated on or before its last usable day: the two sides are
   * sorted together by key and day (a feature row before a label of the same day) and each label takes the last
   * feature row seen — a sort-merge as-of join, with no per-label lookup and no key-by-day blow-up.
   */
  private static Dataset<Row> newestTile(Dataset<Row> labels, Dataset<Row> table, String tableName, String dateColumn,
      String keyColumn, List<String> features, boolean bySnapshot) {
    Column values = struct(features.stream().map(f -> col(f)).toArray(Column[]::new));
    List<Column> featureSide = new ArrayList<>(List.of(col(keyColumn).cast("string").as(EntityRows.KEY),
        col(dateColumn).as(EntityRows.DAY), lit(0).as(SIDE), lit(null).cast("long").as(EntityRows.ROW), values.as(FEATURES)));
    List<Column> labelSide = new ArrayList<>(List.of(col(EntityRows.KEY), col(EntityRows.DAY), lit(1).as(SIDE),
        col(EntityRows.ROW)));
    Dataset<Row> featureRows = table.select(withSnapshot(featureSide, bySnapshot));
    labelSide.add(lit(null).cast(featureRows.schema().apply(FEATURES).dataType()).as(FEATURES));
    Dataset<Row> both = featureRows.unionByName(labels.select(withSnapshot(labelSide, bySnapshot)));
    WindowSpec byKey = (bySnapshot ? Window.partitionBy(EntityRows.KEY, SNAPSHOT) : Window.partitionBy(EntityRows.KEY))
        .orderBy(EntityRows.DAY, SIDE).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> asOf = both.withColumn(VALUE, last(col(FEATURES), true).over(byKey)).filter(col(SIDE).equalTo(1));
    List<Column> out = new ArrayList<>(List.of(col(EntityRows.ROW)));
    features.forEach(f -> out.add(col(VALUE).getField(f).as(FeatureRef.column(tableName, f))));
    return asOf.select(out.toArray(Column[]::new));
  }

  /** Each label gets the feature row of its key dated exactly its last usable day, or nulls. */
  private static Dataset<Row> exactDay(Dataset<Row> labels, Dataset<Row> table, String tableName, String dateColumn,
      String keyColumn, List<String> features, boolean bySnapshot) {
    String key = EntityRows.PREFIX + "fkey";
    String day = EntityRows.PREFIX + "fday";
    String snapshot = EntityRows.PREFIX + "fsnapshot";
    List<Column> picked = new ArrayList<>(List.of(col(keyColumn).cast("string").as(key), col(dateColumn).as(day)));
    features.forEach(f -> picked.add(col(f).as(FeatureRef.column(tableName, f))));
    if (bySnapshot) {
      picked.add(col(SNAPSHOT).as(snapshot));
    }
    Dataset<Row> rows = table.select(picked.toArray(Column[]::new));
    Column on = labels.col(EntityRows.KEY).equalTo(rows.col(key)).and(labels.col(EntityRows.DAY).equalTo(rows.col(day)));
    if (bySnapshot) {
      on = on.and(labels.col(SNAPSHOT).equalTo(rows.col(snapshot)));
    }
    List<Column> out = new ArrayList<>(List.of(labels.col(EntityRows.ROW)));
    features.forEach(f -> out.add(rows.col(FeatureRef.column(tableName, f))));
    return labels.join(rows, on, "left").select(out.toArray(Column[]::new));
  }

  private static Column[] withSnapshot(List<Column> columns, boolean bySnapshot) {
    List<Column> all = new ArrayList<>(columns);
    if (bySnapshot) {
      all.add(col(SNAPSHOT));
    }
    return all.toArray(Column[]::new);
  }
}
