package io.userflow.jobs.spark;

import io.userflow.core.contract.TableOwner;
import io.userflow.core.lineage.LineageKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    Table t;
    try {
      t = Spark3Util.loadIcebergTable(spark, sparkName);
      t.refresh();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot load Iceberg table " + sparkName + ": " + e.getMessage(), e);
    }
    claim(spark, t, sparkName);
    return t;
  }

  /**
   * With an owner in the session ({@link TableOwner#SPARK_CONF}, which the operator sets on a pipeline's
   * SparkApplications): refuses a table another pipeline owns, and stamps one nobody owns yet.
   */
  private static void claim(SparkSession spark, Table table, String sparkName) {
    String conf = spark.conf().get(TableOwner.SPARK_CONF, "");
    if (conf.isBlank()) {
      return;
    }
    TableOwner owner = TableOwner.parse(conf.trim());
    Optional<String> refusal = owner.refusal(sparkName, table.properties());
    if (refusal.isPresent()) {
      throw new IllegalStateException(refusal.get());
    }
    if (TableOwner.of(table.properties()).isEmpty()) {
      var update = table.updateProperties();
      owner.properties().forEach(update::set);
      update.commit();
      table.refresh();
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

  /**
   * {@link #ensure} for a table whose columns follow a definition: with {@code redefine}, an existing table's columns
   * are first set to {@code schema} (the caller then rewrites every row).
   */
  public static Table ensureDefinition(SparkSession spark, String sparkName, StructType schema, String partitionColumn,
      String stage, boolean redefine) {
    if (redefine && exists(spark, sparkName)) {
      TableSchemas.redefine(load(spark, sparkName, ""), schema, partitionColumn, sparkName);
      spark.sql("REFRESH TABLE " + sparkName);
    }
    return ensure(spark, sparkName, schema, partitionColumn, stage);
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

  /**
   * Merges {@code rows} into {@code ident} by {@code keys} in one row-level commit whose snapshot summary holds
   * {@code summary}: a row whose key exists replaces it when any column differs, a new key is inserted, nothing
   * else is touched. {@code targetFilter} (SQL on alias {@code t}) limits the rows the merge may match, so Iceberg
   * reads only the partitions it names.
   */
  public static void merge(Dataset<Row> rows, String ident, List<String> keys, String targetFilter, Map<String, String> summary) {
    String view = "userflow_merge_" + Long.toUnsignedString(System.nanoTime(), 36);
    rows.createOrReplaceTempView(view);
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String differs = Arrays.stream(rows.columns()).filter(c -> !keys.contains(c))
        .map(c -> "t." + c + " <=> s." + c).collect(Collectors.joining(" AND ", "NOT (", ")"));
    String sql = "MERGE INTO " + ident + " t USING " + view + " s ON " + on + " AND " + targetFilter
        + " WHEN MATCHED AND " + differs + " THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
    try {
      CommitMetadata.withCommitProperties(summary, () -> rows.sparkSession().sql(sql), RuntimeException.class);
    } finally {
      rows.sparkSession().catalog().dropTempView(view);
    }
  }

  /**
   * Makes row-level changes write delete files instead of rewriting whole data files (merge-on-read): a merge of a
   * few changed rows then writes about those rows, whatever the size of the files they sit in.
   */
  public static void mergeOnRead(Table table) {
    Map<String, String> want = Map.of(TableProperties.MERGE_MODE, "merge-on-read", TableProperties.UPDATE_MODE,
        "merge-on-read", TableProperties.DELETE_MODE, "merge-on-read");
    if (!want.entrySet().stream().allMatch(e -> e.getValue().equals(table.properties().get(e.getKey())))) {
      var update = table.updateProperties();
      want.forEach(update::set);
      update.commit();
      table.refresh();
    }
  }

  /**
   * Rows a commit wrote and rows it removed (positions deleted, or rows of data files it dropped), from its summary.
   * A position-delete file the commit replaces carries earlier deletes of the same data file into the new one, so
   * those count as added and removed deletes at once and cancel out.
   */
  public record Rewrite(long rowsWritten, long rowsRemoved) {
    public static Rewrite of(Snapshot snapshot) {
      Map<String, String> summary = snapshot == null || snapshot.summary() == null ? Map.of() : snapshot.summary();
      return new Rewrite(number(summary, SnapshotSummary.ADDED_RECORDS_PROP),
          number(summary, SnapshotSummary.ADDED_POS_DELETES_PROP) - number(summary, SnapshotSummary.REMOVED_POS_DELETES_PROP)
              + number(summary, SnapshotSummary.DELETED_RECORDS_PROP));
    }

    private static long number(Map<String, String> summary, String key) {
      return Long.parseLong(summary.getOrDefault(key, "0"));
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

  /** Copies a table as it is (all rows, same columns) into a new table, creating its namespace if needed. */
  public static void copy(SparkSession spark, String fromSparkName, String toSparkName) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + toSparkName.substring(0, toSparkName.lastIndexOf('.')));
    spark.sql("CREATE TABLE " + toSparkName + " USING iceberg TBLPROPERTIES ('format-version'='2') AS SELECT * FROM "
        + fromSparkName);
  }
}
