package io.userflow.jobs.gold;

import io.userflow.core.contract.AuditBranch;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.DefinitionChange;
import io.userflow.core.features.DefinitionVersions;
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
import io.userflow.jobs.spark.WriteAuditPublish;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Gold stage: plan from published Silver snapshots → recompute the daily partitions Silver declared as
 * changed → recompute the rolling partitions those feed (D..D+6). Both are written on audit branches begun at
 * the snapshots the run planned from, then published daily first: a second writer that published meanwhile makes
 * this run fail instead of overwriting it. The rolling table is published last and its lineage is the stage's
 * recovery truth ({@link TableLayout#goldLineageTable()}, which the operator plans from too), so a failure between
 * the two publishes repeats both.
 */
public final class GoldStage {
  public static final String STAGE_DAILY = "gold-daily";
  public static final String STAGE_ROLLING = "gold-rolling";
  public static final String TRANSFORM_VERSION = "gold-2";

  private GoldStage() {}

  public static GoldResult run(SparkSession spark, TableLayout layout, RunContext ctx) {
    return run(spark, layout, ctx, CommitHook.NONE);
  }

  /**
   * As {@link #run(SparkSession, TableLayout, RunContext)}, telling {@code hook} at each commit boundary. A backfill
   * (a date range) first processes what is pending in Silver, as an AUTO run would, then rebuilds the range from the
   * snapshot that run processed (Silver's own backfill commit included).
   */
  public static GoldResult run(SparkSession spark, TableLayout layout, RunContext ctx, CommitHook hook) {
    return run(spark, layout, ctx, hook, DeclaredGroups.none());
  }

  /**
   * As {@link #run(SparkSession, TableLayout, RunContext, CommitHook)}, also writing the pipeline's {@code declared}
   * feature groups' tables ({@link DeclaredTables}).
   */
  public static GoldResult run(SparkSession spark, TableLayout layout, RunContext ctx, CommitHook hook,
      DeclaredGroups declared) {
    if (ctx.request().range() != null) {
      GoldResult caughtUp = runOnce(spark, layout, ctx.catchUp(), hook, declared);
      if (!caughtUp.plan().isNoop()) {
        System.err.println("gold: before the backfill, " + caughtUp.plan().mode() + " " + caughtUp.plan().reason());
      }
    }
    return runOnce(spark, layout, ctx, hook, declared);
  }

  private static GoldResult runOnce(SparkSession spark, TableLayout layout, RunContext ctx, CommitHook hook,
      DeclaredGroups declared) {
    String silverName = layout.sparkName(layout.silver());
    String dailyName = layout.sparkName(layout.goldDaily());
    String rollingName = layout.sparkName(layout.goldRolling());
    Table silver = IcebergTables.load(spark, silverName, "Run the Silver stage first: it creates and publishes the table.");
    Table daily = IcebergTables.ensure(spark, dailyName, GoldSchema.DAILY, "feature_date", STAGE_DAILY);
    Table rolling = IcebergTables.ensure(spark, rollingName, GoldSchema.ROLLING, "as_of_date", STAGE_ROLLING);
    IcebergTables.mergeOnRead(daily);
    IcebergTables.mergeOnRead(rolling);
    Table lineage = layout.goldLineage(daily, rolling);
    // the snapshots the run plans from: its audit branches start there, so a commit made since fails its publish
    Targets targets = new Targets(daily, rolling, daily.currentSnapshot().snapshotId(),
        rolling.currentSnapshot().snapshotId(), AuditBranch.forRun(ctx.runId()));
    List<DefinitionChange> definitions = DefinitionVersions.changes(declared, name ->
        IcebergTables.exists(spark, layout.sparkName(name))
            ? Optional.of(TableLineage.history(IcebergTables.load(spark, layout.sparkName(name), ""))) : Optional.empty());
    RunPlan plan = StagePlanning.gold(TableLineage.history(silver), TableLineage.history(lineage), ctx.request(),
        definitions);
    if (plan.isNoop()) {
      return new GoldResult(plan, false, new TreeSet<>(), new TreeSet<>(), 0, 0, 0, targets.dailyBefore(),
          targets.rollingBefore(), List.of());
    }
    Dataset<Row> silverAt = spark.read().format("iceberg").option("versionAsOf", plan.toSnapshotInclusive()).load(silverName);
    WriteAuditPublish.begin(daily, targets.branch(), targets.dailyBefore());
    WriteAuditPublish.begin(rolling, targets.branch(), targets.rollingBefore());
    String dailyBranch = WriteAuditPublish.branchIdentifier(dailyName, targets.branch());
    String rollingBranch = WriteAuditPublish.branchIdentifier(rollingName, targets.branch());
    DeclaredTables tables = DeclaredTables.begin(spark, layout, declared, plan, targets.branch());
    if (plan.partitions().goldRowLevel()) {
      return rowLevel(spark, ctx, hook, plan, silverAt, targets, dailyBranch, rollingBranch, declared, tables);
    }
    boolean all = plan.partitions().all();
    SortedSet<LocalDate> dailyDates = all ? null : plan.partitions().goldDailyDates();
    SortedSet<LocalDate> rollingDates = all ? null : AffectedPartitions.rollingDatesFor(dailyDates);
    List<LocalDate> recorded = all ? List.of() : List.copyOf(dailyDates);

    Dataset<Row> dailyRows = GoldTransforms.daily(silverAt, dailyDates);
    long dailyCount = write(daily, targets.branch(), dailyBranch, dailyRows, "feature_date", dailyDates,
        ctx.lineage(STAGE_DAILY, plan, recorded));
    Dataset<Row> dailyTable = spark.table(dailyBranch);
    // a run with no dates (Silver committed lineage only) reads nothing and commits lineage only
    Dataset<Row> window = GoldTransforms.windowRows(dailyTable, rollingDates, AffectedPartitions.ROLLING_DAYS);
    Dataset<Row> rollingRows = GoldTransforms.rolling(window, rollingDates);
    long rollingCount = write(rolling, targets.branch(), rollingBranch, rollingRows, "as_of_date", rollingDates,
        ctx.lineage(STAGE_ROLLING, plan, recorded));
    List<GoldResult.Declared> declaredDone = tables.write(ctx, plan, declared, silverAt, targets.branch(), false);
    publish(targets, hook, tables);
    return new GoldResult(plan, all, dailyDates == null ? new TreeSet<>() : dailyDates,
        rollingDates == null ? new TreeSet<>() : rollingDates, dailyCount, rollingCount, dailyCount + rollingCount,
        daily.currentSnapshot().snapshotId(), rolling.currentSnapshot().snapshotId(), declaredDone);
  }


  /**
   * The two tables a run writes, the snapshots of main it planned from and its audit branch. The rolling table holds
   * the stage's lineage, so it is published last.
   */
  private record Targets(Table daily, Table rolling, long dailyBefore, long rollingBefore, String branch) {}

  /**
   * Fast-forwards daily, then rolling, to the run's branches. A run that planned from snapshots another run has
   * since published over fails here ({@link io.userflow.jobs.spark.ConcurrentWriteException}) with nothing of its
   * own on main, or with only daily published, which its rerun recomputes to the same rows.
   */
  private static void publish(Targets t, CommitHook hook, DeclaredTables declared) {
    hook.after(CommitBoundary.GOLD_CANDIDATES_WRITTEN);
    WriteAuditPublish.publish(t.daily(), t.branch(), t.dailyBefore(), () -> { });
    declared.publish(t.branch());
    hook.after(CommitBoundary.GOLD_DAILY_WRITTEN);
    WriteAuditPublish.publish(t.rolling(), t.branch(), t.rollingBefore(), () -> { });
    hook.after(CommitBoundary.GOLD_ROLLING_WRITTEN);
  }

  /**
   * After row-level Silver commits: recomputes the daily rows of the dates they changed and the rolling rows of
   * D..D+6, for every user, and merges them by (user_id, date), so only a row that differs from the stored one is
   * written: exactly the keys the changes reached. Recomputing whole dates costs about what finding the changed keys
   * first cost (those keys' events are read from the same dates), and leaves the Spark jobs of that search out.
   * Adding events never removes a user's row of a date (the row counts every event the user has on it), so the
   * recomputed rows are every row those dates hold.
   */
  private static GoldResult rowLevel(SparkSession spark, RunContext ctx, CommitHook hook, RunPlan plan,
      Dataset<Row> silverAt, Targets targets, String dailyBranch, String rollingBranch, DeclaredGroups declared,
      DeclaredTables tables) {
    SortedSet<LocalDate> dailyDates = plan.partitions().goldDailyDates();
    SortedSet<LocalDate> rollingDates = plan.partitions().goldRollingDates();
    List<LocalDate> recorded = List.copyOf(dailyDates);
    try (Phases phases = new Phases("gold", spark); Cached cached = new Cached()) {
      Dataset<Row> dailyRows = cached.keep(GoldTransforms.daily(silverAt, dailyDates));
      long dailyRecomputed = dailyRows.count();
      phases.end("daily features");
      long dailyCount = merge(targets.daily(), targets.branch(), dailyBranch, dailyRows, "feature_date", dailyDates,
          ctx.lineage(STAGE_DAILY, plan, recorded));
      phases.end("daily merge");
      Dataset<Row> window = GoldTransforms.windowRows(spark.table(dailyBranch), rollingDates, AffectedPartitions.ROLLING_DAYS);
      Dataset<Row> rollingRows = cached.keep(GoldTransforms.rolling(window, rollingDates));
      long rollingRecomputed = rollingRows.count();
      phases.end("rolling features");
      long rollingCount = merge(targets.rolling(), targets.branch(), rollingBranch, rollingRows, "as_of_date",
          rollingDates, ctx.lineage(STAGE_ROLLING, plan, recorded));
      phases.end("rolling merge");
      List<GoldResult.Declared> declaredDone = tables.write(ctx, plan, declared, silverAt, targets.branch(), true);
      if (!declaredDone.isEmpty()) {
        phases.end("declared tables");
      }
      publish(targets, hook, tables);
      phases.end("publish");
      phases.print("row-level run, " + dailyRecomputed + " daily and " + rollingRecomputed + " rolling rows recomputed, "
          + (dailyCount + rollingCount) + " written");
      return new GoldResult(plan, false, dailyDates, rollingDates, dailyCount, rollingCount,
          dailyRecomputed + rollingRecomputed, targets.daily().currentSnapshot().snapshotId(),
          targets.rolling().currentSnapshot().snapshotId(), declaredDone);
    }
  }

  /** Merges recomputed rows by (user_id, date) into the run's branch; returns the rows the commit wrote. */
  private static long merge(Table table, String branch, String branchIdent, Dataset<Row> rows, String dateColumn,
      SortedSet<LocalDate> dates, Map<String, String> lineage) {
    IcebergTables.merge(rows, branchIdent, List.of("user_id", dateColumn), DateFilters.targetIn(dateColumn, dates), lineage);
    table.refresh();
    return IcebergTables.Rewrite.of(table.snapshot(branch)).rowsWritten();
  }

  /**
   * Replaces the given partitions (all when {@code dates} is null) on the run's branch; an empty date set commits
   * lineage only.
   */
  private static long write(Table table, String branch, String branchIdent, Dataset<Row> rows, String partitionColumn,
      SortedSet<LocalDate> dates, Map<String, String> lineage) {
    if (dates != null && dates.isEmpty()) {
      IcebergTables.commitSummary(table, branch, lineage);
      table.refresh();
      return 0;
    }
    IcebergTables.overwrite(rows.sortWithinPartitions(partitionColumn, "user_id"), branchIdent,
        LineageKeys.writeOptions(lineage), DateFilters.in(partitionColumn, dates));
    // the rows written, from the commit's summary rather than a second computation of the features
    table.refresh();
    return IcebergTables.Rewrite.of(table.snapshot(branch)).rowsWritten();
  }
}
