package io.userflow.jobs.gold;

import static org.apache.spark.sql.functions.broadcast;

import io.userflow.core.planner.AffectedPartitions;
import io.userflow.jobs.silver.SessionScope;
import io.userflow.jobs.spark.DateFilters;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The (user_id, feature_date) keys whose Gold rows row-level Silver commits changed, read from the data files those
 * commits added: a merge-on-read commit adds exactly the rows it inserted or changed. Each commit is read as of
 * itself, so a later compaction of its files loses nothing; a row changed again later only repeats a key.
 */
final class ChangedKeys {
  private ChangedKeys() {}

  static Dataset<Row> of(SparkSession spark, Table silver, String silverName, AffectedPartitions partitions) {
    Dataset<Row> keys = null;
    for (long id : partitions.goldKeySnapshots()) {
      Snapshot snapshot = silver.snapshot(id);
      if (snapshot == null) {
        throw new IllegalStateException("Silver snapshot " + id + " of " + silverName + " holds changes Gold has not"
            + " processed but was expired. Run Gold with --mode FULL to rebuild it.");
      }
      List<String> files = new ArrayList<>();
      for (DataFile f : SnapshotChanges.builderFor(silver).snapshot(snapshot).build().addedDataFiles()) {
        files.add(f.location());
      }
      if (files.isEmpty()) {
        continue;
      }
      // a join rather than a filter: Iceberg cannot push a predicate on _file down, and says so on every run
      Dataset<Row> names = spark.createDataset(files, Encoders.STRING()).toDF("_added");
      Dataset<Row> at = spark.read().format("iceberg").option("versionAsOf", id).load(silverName)
          .filter(DateFilters.in("event_date", partitions.goldDailyDates()));
      Dataset<Row> added = at.join(broadcast(names), at.col("_file").equalTo(names.col("_added")), "left_semi");
      Dataset<Row> k = SessionScope.changedKeys(added);
      keys = keys == null ? k : keys.union(k);
    }
    return keys == null ? spark.emptyDataFrame().selectExpr("CAST(NULL AS STRING) AS user_id",
        "CAST(NULL AS DATE) AS feature_date").limit(0) : keys.distinct();
  }
}
