package io.userflow.jobs.spark;

import io.userflow.core.lineage.LineageKeys;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Creates and loads the Iceberg tables a stage writes. */
public final class IcebergTables {
  private IcebergTables() {}

  public static boolean exists(SparkSession spark, String sparkName) {
    return spark.catalog().tableExists(sparkName);
  }

  /** Loads the Iceberg table behind a Spark name, failing with what to do when it is missing. */
  public static Table load(SparkSession spark, String sparkName, String hint) {
    if (!exists(spark, sparkName)) {
      throw new IllegalStateException("Table " + sparkName + " does not exist. " + hint);
    }
    try {
      Table t = Spark3Util.loadIcebergTable(spark, sparkName);
      t.refresh();
      return t;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot load Iceberg table " + sparkName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the table (format v2, identity-partitioned) if it is missing and gives it an empty first snapshot,
   * so write-audit-publish always has a main branch to branch from and fast-forward.
   */
  public static Table ensure(SparkSession spark, String sparkName, StructType schema, String partitionColumn, String stage) {
    if (!exists(spark, sparkName)) {
      String ns = sparkName.substring(0, sparkName.lastIndexOf('.'));
      spark.sql("CREATE NAMESPACE IF NOT EXISTS " + ns);
      spark.sql("CREATE TABLE IF NOT EXISTS " + sparkName + " (" + schema.toDDL() + ") USING iceberg"
          + (partitionColumn == null ? "" : " PARTITIONED BY (" + partitionColumn + ")")
          + " TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='zstd')");
    }
    Table t = load(spark, sparkName, "");
    TableSchemas.align(t, schema, sparkName);
    if (t.currentSnapshot() == null) {
      t.newAppend().set(LineageKeys.STAGE, stage).commit();
      t.refresh();
    }
    return t;
  }

  /** Replaces the rows matching {@code condition} with {@code rows}, storing {@code options} (lineage) in the commit. */
  public static void overwrite(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, String ident,
      java.util.Map<String, String> options, org.apache.spark.sql.Column condition) {
    try {
      rows.writeTo(ident).options(options).overwrite(condition);
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Table " + ident + " disappeared during the run: " + e.getMessage(), e);
    }
  }

  /** Appends {@code rows}, storing {@code options} (lineage) in the commit. */
  public static void append(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, String ident,
      java.util.Map<String, String> options) {
    try {
      rows.writeTo(ident).options(options).append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Table " + ident + " disappeared during the run: " + e.getMessage(), e);
    }
  }

  /**
   * Commits no data to {@code branch} of {@code table}, only {@code summary} in the snapshot summary: lineage of a
   * run that changed nothing, or a verdict on an audit branch.
   */
  public static void commitSummary(Table table, String branch, Map<String, String> summary) {
    var append = table.newAppend().toBranch(branch);
    summary.forEach(append::set);
    append.commit();
  }

  /**
   * Rows of a table snapshot from its summary (no scan), or {@code count} when the summary cannot tell: no total,
   * or delete files, which the total does not subtract.
   */
  public static long rows(Snapshot snapshot, LongSupplier count) {
    Map<String, String> summary = snapshot == null || snapshot.summary() == null ? Map.of() : snapshot.summary();
    String total = summary.get(SnapshotSummary.TOTAL_RECORDS_PROP);
    boolean deletes = !"0".equals(summary.getOrDefault(SnapshotSummary.TOTAL_POS_DELETES_PROP, "0"))
        || !"0".equals(summary.getOrDefault(SnapshotSummary.TOTAL_EQ_DELETES_PROP, "0"));
    return total == null || deletes ? count.getAsLong() : Long.parseLong(total);
  }

  /** Copies a table as it is (all rows, same columns) into a new table, creating its namespace if needed. */
  public static void copy(SparkSession spark, String fromSparkName, String toSparkName) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + toSparkName.substring(0, toSparkName.lastIndexOf('.')));
    spark.sql("CREATE TABLE " + toSparkName + " USING iceberg TBLPROPERTIES ('format-version'='2') AS SELECT * FROM "
        + fromSparkName);
  }
}
