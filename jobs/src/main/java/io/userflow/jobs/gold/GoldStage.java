package io.userflow.jobs.gold;

import static org.apache.spark.sql.functions.col;

import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.AffectedPartitions;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.StagePlanning;
import io.userflow.jobs.spark.Cached;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.DateFilters;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.Phases;
import io.userflow.jobs.spark.RunContext;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Gold stage: plan from published Silver snapshots → recompute the daily partitions Silver declared as
 * changed → recompute the rolling partitions those feed (D..D+6). The rolling table is written last and its
 * lineage is the stage's recovery truth ({@link TableLayout#goldLineageTable()}, which the operator plans from
 * too), so a failure between the two writes repeats both.
 */
public final class GoldStage {
  public static final String STAGE_DAILY = "gold-daily";
  public static final String STAGE_ROLLING = "gold-rolling";
  public static final String TRANSFORM_VERSION = "gold-2";

  private GoldStage() {}

  public static GoldResult run(SparkSession spark, TableLayout layout, RunContext ctx) {
    return run(spark, layout, ctx, CommitHook.NONE);
  }

  /** As {@link #run(SparkSession, TableLayout, RunContext)}, telling {@code hook} at each commit boundary. */
  public static GoldResult run(SparkSession spark, TableLayout layout, RunContext ctx, CommitHook hook) {
    String silverName = layout.sparkName(layout.silver());
    String dailyName = layout.sparkName(layout.goldDaily());
    String rollingName = layout.sparkName(layout.goldRolling());
    Table silver = IcebergTables.load(spark, silverName, "Run the Silver stage first: it creates and publishes the table.");
    Table daily = IcebergTables.ensure(spark, dailyName, GoldSchema.DAILY, "feature_date", STAGE_DAILY);
    Table rolling = IcebergTables.ensure(spark, rollingName, GoldSchema.ROLLING, "as_of_date", STAGE_ROLLING);
    IcebergTables.mergeOnRead(daily);
    IcebergTables.mergeOnRead(rolling);
    Table lineage = layout.goldLineage(daily, rolling);
    RunPlan plan = StagePlanning.gold(TableLineage.history(silver), TableLineage.history(lineage), ctx.request());
    if (plan.isNoop()) {
      return new GoldResult(plan, false, new TreeSet<>(), new TreeSet<>(), 0, 0, 0,
          daily.currentSnapshot().snapshotId(), rolling.currentSnapshot().snapshotId());
    }
    Dataset<Row> silverAt = spark.read().format("iceberg").option("versionAsOf", plan.toSnapshotInclusive()).load(silverName);
    if (plan.partitions().goldByKeys()) {
      return byKeys(spark, layout, ctx, hook, plan, silver, silverAt, daily, rolling);
    }
    boolean all = plan.partitions().all();
    SortedSet<LocalDate> dailyDates = all ? null : plan.partitions().goldDailyDates();
    SortedSet<LocalDate> rollingDates = all ? null : AffectedPartitions.rollingDatesFor(dailyDates);
    List<LocalDate> recorded = all ? List.of() : List.copyOf(dailyDates);

    Dataset<Row> dailyRows = GoldTransforms.daily(silverAt, dailyDates);
    long dailyCount = write(daily, dailyName, dailyRows, "feature_date", dailyDates,
        ctx.lineage(STAGE_DAILY, plan, recorded));
    hook.after(CommitBoundary.GOLD_DAILY_WRITTEN);
    Dataset<Row> dailyTable = spark.table(dailyName);
    // a run with no dates (Silver committed lineage only) reads nothing and commits lineage only
    Dataset<Row> window = rollingDates == null ? dailyTable : rollingDates.isEmpty() ? dailyTable.limit(0)
        : dailyTable.filter(col("feature_date").between(
        Date.valueOf(rollingDates.first().minusDays(AffectedPartitions.ROLLING_DAYS - 1)), Date.valueOf(rollingDates.last())));
    Dataset<Row> rollingRows = GoldTransforms.rolling(window, rollingDates);
    long rollingCount = write(rolling, rollingName, rollingRows, "as_of_date", rollingDates,
        ctx.lineage(STAGE_ROLLING, plan, recorded));
    hook.after(CommitBoundary.GOLD_ROLLING_WRITTEN);
    daily.refresh();
    rolling.refresh();
    return new GoldResult(plan, all, dailyDates == null ? new TreeSet<>() : dailyDates,
        rollingDates == null ? new TreeSet<>() : rollingDates, dailyCount, rollingCount, dailyCount + rollingCount,
        daily.currentSnapshot().snapshotId(), rolling.currentSnapshot().snapshotId());
  }

  /**
   * Recomputes exactly the (user, date) keys the row-level Silver commits changed and merges them: daily rows for
   * the changed keys, rolling rows for (user, D..D+6); a recomputed row equal to the stored one is not rewritten.
   */
  private static GoldResult byKeys(SparkSession spark, TableLayout layout, RunContext ctx, CommitHook hook, RunPlan plan,
      Table silver, Dataset<Row> silverAt, Table daily, Table rolling) {
    String dailyName = layout.sparkName(layout.goldDaily());
    String rollingName = layout.sparkName(layout.goldRolling());
    SortedSet<LocalDate> dailyDates = plan.partitions().goldDailyDates();
    SortedSet<LocalDate> rollingDates = plan.partitions().goldRollingDates();
    List<LocalDate> recorded = List.copyOf(dailyDates);
    Phases phases = new Phases("gold");
    try (Cached cached = new Cached()) {
      Dataset<Row> keys = cached.keep(ChangedKeys.of(spark, silver, layout.sparkName(layout.silver()), plan.partitions()));
      Dataset<Row> rollingKeys = cached.keep(GoldTransforms.rollingKeys(keys));
      Dataset<Row> dailyRows = cached.keep(GoldTransforms.dailyAt(silverAt, keys, dailyDates));
      long dailyKeys = dailyRows.count();
      phases.end("changed keys and daily features");
      long dailyCount = merge(daily, dailyName, dailyRows, "feature_date", dailyDates, ctx.lineage(STAGE_DAILY, plan, recorded));
      phases.end("daily merge");
      hook.after(CommitBoundary.GOLD_DAILY_WRITTEN);
      Dataset<Row> rollingRows = cached.keep(GoldTransforms.rollingAt(spark.table(dailyName), rollingKeys, rollingDates));
      long rollingKeyCount = rollingRows.count();
      phases.end("rolling features");
      long rollingCount = merge(rolling, rollingName, rollingRows, "as_of_date", rollingDates,
          ctx.lineage(STAGE_ROLLING, plan, recorded));
      phases.end("rolling merge");
      phases.print("run by key, " + dailyKeys + " daily and " + rollingKeyCount + " rolling keys, "
          + (dailyCount + rollingCount) + " rows written");
      hook.after(CommitBoundary.GOLD_ROLLING_WRITTEN);
      return new GoldResult(plan, false, dailyDates, rollingDates, dailyCount, rollingCount, dailyKeys + rollingKeyCount,
          daily.currentSnapshot().snapshotId(), rolling.currentSnapshot().snapshotId());
    }
  }

  /** Merges recomputed rows by (user_id, date); returns the rows the commit wrote. */
  private static long merge(Table table, String name, Dataset<Row> rows, String dateColumn, SortedSet<LocalDate> dates,
      Map<String, String> lineage) {
    IcebergTables.merge(rows, name, List.of("user_id", dateColumn),
        DateFilters.targetIn(dateColumn, dates), lineage);
    table.refresh();
    return IcebergTables.Rewrite.of(table.currentSnapshot()).rowsWritten();
  }

  /** Replaces the given partitions (all when {@code dates} is null); an empty date set commits lineage only. */
  private static long write(Table table, String name, Dataset<Row> rows, String partitionColumn,
      SortedSet<LocalDate> dates, Map<String, String> lineage) {
    if (dates != null && dates.isEmpty()) {
      IcebergTables.commitSummary(table, SnapshotRef.MAIN_BRANCH, lineage);
      table.refresh();
      return 0;
    }
    IcebergTables.overwrite(rows.sortWithinPartitions(partitionColumn, "user_id"), name, LineageKeys.writeOptions(lineage),
        DateFilters.in(partitionColumn, dates));
    // the rows written, from the commit's summary rather than a second computation of the features
    table.refresh();
    return IcebergTables.Rewrite.of(table.currentSnapshot()).rowsWritten();
  }
}
