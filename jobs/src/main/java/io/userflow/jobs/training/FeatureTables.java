package io.userflow.jobs.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.userflow.core.iceberg.SnapshotAsOf;
import io.userflow.core.training.KnownAtTimeline;
import io.userflow.core.training.PointInTime;
import io.userflow.core.training.PointInTime.TableKind;
import io.userflow.jobs.spark.IcebergTables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** Reads a feature table for a training set: its kind, its features, and its rows at the snapshots the labels need. */
final class FeatureTables {
  private FeatureTables() {}

  /** A feature table as a training set reads it. */
  record FeatureTable(String name, String sparkName, Table table, TableKind kind, List<String> features) {}

  static FeatureTable open(SparkSession spark, String sparkName, String name, String keyColumn, List<String> requested) {
    Table table = IcebergTables.load(spark, sparkName, "Name a feature table of this pipeline's namespace (a Gold table).");
    List<String> columns = table.schema().columns().stream().map(Types.NestedField::name).toList();
    return new FeatureTable(name, sparkName, table, TableKind.ofColumns(name, columns),
        PointInTime.features(name, columns, keyColumn, requested));
  }

  /** The table's rows at {@code snapshotId} (null: no snapshot yet, so none) dated up to {@code lastDay}. */
  static Dataset<Row> at(SparkSession spark, FeatureTable t, Long snapshotId, LocalDate lastDay) {
    Dataset<Row> rows = snapshotId == null ? spark.read().format("iceberg").load(t.sparkName()).limit(0)
        : spark.read().format("iceberg").option("versionAsOf", snapshotId).load(t.sparkName());
    return rows.filter(col(t.kind().dateColumn()).leq(Date.valueOf(lastDay)));
  }

  /** Event-time mode: the snapshot to read, the pinned one (checked to exist) or the current one. */
  static Long eventTimeSnapshot(FeatureTable t, Long pinned) {
    if (pinned != null) {
      return SnapshotAsOf.byId(t.table(), pinned);
    }
    return t.table().currentSnapshot() == null ? null : t.table().currentSnapshot().snapshotId();
  }

  /**
   * As known at a time: a column with the snapshot of {@code t} current at each label's time (null before its
   * first). Refuses labels older than the retained history, naming the oldest usable time.
   */
  static Column snapshotAtLabel(KnownAtTimeline timeline, java.time.Instant firstLabel) {
    timeline.snapshotAt(firstLabel); // throws when expiry removed what the first label needs
    long[] from = timeline.entries().stream().mapToLong(KnownAtTimeline.Entry::fromMillis).toArray();
    long[] ids = timeline.entries().stream().mapToLong(KnownAtTimeline.Entry::snapshotId).toArray();
    UserDefinedFunction at = udf((UDF1<Timestamp, Long>) time -> time == null ? null : current(from, ids, time.getTime()),
        DataTypes.LongType);
    return at.apply(col(EntityRows.TIME));
  }

  /** The id of the last entry from at or before {@code millis}, or null. */
  private static Long current(long[] from, long[] ids, long millis) {
    int lo = 0;
    int hi = from.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (from[mid] <= millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? null : ids[lo - 1];
  }

  /** Rows of {@code t} at each of {@code snapshotIds}, tagged with the snapshot, dated up to {@code lastDay}. */
  static Dataset<Row> atEach(SparkSession spark, FeatureTable t, List<Long> snapshotIds, LocalDate lastDay) {
    Dataset<Row> all = at(spark, t, null, lastDay).withColumn(PointInTimeJoin.SNAPSHOT, lit(null).cast("long"));
    for (long id : snapshotIds) {
      all = all.unionByName(at(spark, t, id, lastDay).withColumn(PointInTimeJoin.SNAPSHOT, lit(id)),
          true);
    }
    return all;
  }
}
