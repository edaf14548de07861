package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.contract.AuditBranch;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.WriteAuditPublish;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The Silver stage: plan from Bronze snapshots → read Bronze (delta or all) → validate → dedupe → sessionize
 * the affected users → write candidate partitions to an audit branch → quality gate → publish.
 */
public final class SilverStage {
  public static final String STAGE = "silver";
  public static final String REJECTS_STAGE = "silver-rejects";
  /** Bump when a transform changes its output: the next run is then FULL. */
  public static final String TRANSFORM_VERSION = "silver-2";

  /** Tuning with defaults; see the CLI for descriptions. */
  public record Settings(int sessionGapMinutes, double rejectRatioThreshold, EventLimits limits, Duration lateAfter) {
    public static Settings defaults() {
      return new Settings(30, 0.2, EventLimits.defaults(), Duration.ofHours(1));
    }
  }

  private SilverStage() {}

  /** The candidate a run writes: rows, which existing rows they replace, and the partitions touched. */
  private record Candidate(Dataset<Row> rows, Column replaces, SortedSet<LocalDate> dates, long newEvents, long lateEvents,
      boolean incremental) {}

  public static SilverResult run(SparkSession spark, TableLayout layout, RunContext ctx, Settings settings) {
    return run(spark, layout, ctx, settings, CommitHook.NONE);
  }

  /** As {@link #run(SparkSession, TableLayout, RunContext, Settings)}, telling {@code hook} at each commit boundary. */
  public static SilverResult run(SparkSession spark, TableLayout layout, RunContext ctx, Settings settings, CommitHook hook) {
    String bronzeName = layout.sparkName(layout.bronze());
    String silverName = layout.sparkName(layout.silver());
    String rejectsName = layout.sparkName(layout.rejects());
    Table bronze = IcebergTables.load(spark, bronzeName, "Run the Bronze stage first: it creates the table.");
    Table silver = IcebergTables.ensure(spark, silverName, SilverSchema.EVENTS, "event_date", STAGE);
    Table rejectsTable = IcebergTables.ensure(spark, rejectsName, SilverSchema.REJECTS, "ingest_date", REJECTS_STAGE);
    SourceHistory history = TableLineage.history(bronze);
    RunPlan plan = StagePlanning.silver(history, TableLineage.history(silver), ctx.request());
    // the rejects keep lineage of their own: a crash between the two publishes leaves them ahead of Silver
    RunPlan rejectsPlan = StagePlanning.silver(history, TableLineage.history(rejectsTable), ctx.request());
    long silverBefore = silver.currentSnapshot().snapshotId();
    if (plan.isNoop()) {
      return SilverResult.noop(plan, silverBefore);
    }

    Dataset<Row> validated = SilverTransforms.validate(read(spark, bronzeName, plan), settings.limits())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // one pass counts the input and its rejects by reason (null: valid)
      long bronzeCount = 0;
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : validated.groupBy("reject_reason").count().collectAsList()) {
        bronzeCount += r.getLong(1);
        if (!r.isNullAt(0)) {
          byReason.put(r.getString(0), r.getLong(1));
        }
      }
      Dataset<Row> rejectRows = SilverTransforms.rejects(sameRead(plan, rejectsPlan) ? validated
          : SilverTransforms.validate(read(spark, bronzeName, rejectsPlan), settings.limits()));
      long rejectCount = byReason.values().stream().mapToLong(Long::longValue).sum();
      Dataset<Row> deduped = SilverTransforms.firstReceived(SilverTransforms.validEvents(validated));
      Dataset<Row> existing = spark.read().format("iceberg").option("versionAsOf", silverBefore).load(silverName);
      long existingCount = IcebergTables.rows(silver.snapshot(silverBefore), () -> existing.count());

      Candidate candidate = plan.mode() == PlanMode.INCREMENTAL
          ? incremental(existing, deduped, settings)
          : full(deduped, plan, settings);

      String branch = AuditBranch.forRun(ctx.runId());
      WriteAuditPublish.begin(silver, branch);
      hook.after(CommitBoundary.SILVER_BRANCH_CREATED);
      WriteAuditPublish.begin(rejectsTable, branch);
      hook.after(CommitBoundary.REJECTS_BRANCH_CREATED);
      Map<String, String> lineage = ctx.lineage(STAGE, plan, candidate.dates());
      writeCandidate(candidate, WriteAuditPublish.branchIdentifier(silverName, branch), silver, branch, lineage);
      hook.after(CommitBoundary.SILVER_CANDIDATE_WRITTEN);
      writeRejects(rejectRows, rejectsPlan, WriteAuditPublish.branchIdentifier(rejectsName, branch),
          ctx.lineage(REJECTS_STAGE, rejectsPlan, candidate.dates()));
      hook.after(CommitBoundary.REJECTS_CANDIDATE_WRITTEN);

      Dataset<Row> written = spark.table(WriteAuditPublish.branchIdentifier(silverName, branch));
      // one pass over the candidate: rows, distinct ids, rows missing a key
      Row keys = written.agg(count(lit(1)), countDistinct(col("event_id")), count(when(col("event_id").isNull()
          .or(col("user_id").isNull()).or(col("event_time").isNull()).or(col("session_id").isNull()), 1))).first();
      long candidateCount = keys.getLong(0);
      long silverAdded = candidateCount - (plan.mode() == PlanMode.INCREMENTAL ? existingCount : 0);
      long validCount = bronzeCount - rejectCount;
      boolean ranged = plan.partitions().all() ? false : plan.mode() == PlanMode.FULL;
      long duplicates = validCount - candidate.newEvents();
      QualityGate.Verdict verdict = QualityGate.judge(new QualityGate.Measures(bronzeCount, silverAdded, rejectCount,
          duplicates, candidateCount - keys.getLong(1), keys.getLong(2), settings.rejectRatioThreshold(), !ranged));
      Long published = null;
      if (verdict.passed()) {
        WriteAuditPublish.publish(rejectsTable, branch, () -> hook.after(CommitBoundary.REJECTS_FAST_FORWARDED));
        hook.after(CommitBoundary.REJECTS_PUBLISHED);
        published = WriteAuditPublish.publish(silver, branch, () -> hook.after(CommitBoundary.SILVER_FAST_FORWARDED));
        hook.after(CommitBoundary.SILVER_PUBLISHED);
      } else {
        recordRefusal(silver, branch, verdict);
      }
      return new SilverResult(plan, bronzeCount, candidate.newEvents(), rejectCount, byReason, duplicates,
          candidate.lateEvents(), candidate.dates(), verdict, verdict.passed(), branch,
          published == null ? silverBefore : published);
    } finally {
      validated.unpersist();
    }
  }

  /** The refusal on the audit branch's head, where the operator reads it; the candidate stays for inspection. */
  private static void recordRefusal(Table silver, String branch, QualityGate.Verdict verdict) {
    IcebergTables.commitSummary(silver, branch, new GateVerdict(verdict.describeFailed()).summary());
    silver.refresh();
  }

  private static Candidate incremental(Dataset<Row> existing, Dataset<Row> deduped, Settings settings) {
    Dataset<Row> existingIds = existing.select(col("event_id").as("_eid"));
    Dataset<Row> fresh = deduped.join(existingIds, deduped.col("event_id").equalTo(existingIds.col("_eid")), "left_anti")
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row counts = fresh.agg(count(lit(1)), count(when(SilverTransforms.isLate(settings.lateAfter()), 1))).first();
    long newEvents = counts.getLong(0);
    long late = counts.getLong(1);
    Dataset<Row> affectedExisting = SessionScope.sessionsNear(existing, fresh, settings.sessionGapMinutes())
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> resessioned = SessionScope.resessionize(affectedExisting, fresh, settings.sessionGapMinutes())
        .persist(StorageLevel.MEMORY_AND_DISK());
    SortedSet<LocalDate> dates = SessionScope.changedDates(affectedExisting, resessioned);
    Column inDates = col("event_date").isin(dates.stream().map(Date::valueOf).toArray());
    Dataset<Row> replaced = affectedExisting.select(col("event_id").as("_rid"));
    Dataset<Row> untouched = existing.filter(inDates)
        .join(replaced, existing.col("event_id").equalTo(replaced.col("_rid")), "left_anti");
    Dataset<Row> rows = untouched.unionByName(resessioned.filter(inDates));
    return new Candidate(rows, inDates, dates, newEvents, late, true);
  }

  private static Candidate full(Dataset<Row> deduped, RunPlan plan, Settings settings) {
    Dataset<Row> sessions = SilverTransforms.sessionize(deduped, settings.sessionGapMinutes())
        .persist(StorageLevel.MEMORY_AND_DISK());
    // one pass: events, late events, and the event dates they fall on
    Row counts = sessions.agg(count(lit(1)), count(when(SilverTransforms.isLate(settings.lateAfter()), 1)),
        collect_set(col("event_date"))).first();
    long newEvents = counts.getLong(0);
    long late = counts.getLong(1);
    if (plan.partitions().all()) {
      TreeSet<LocalDate> dates = new TreeSet<>();
      counts.<Date>getList(2).forEach(d -> dates.add(d.toLocalDate()));
      return new Candidate(sessions, lit(true), dates, newEvents, late, false);
    }
    SortedSet<LocalDate> dates = plan.partitions().silverDates();
    Column inRange = col("event_date").between(Date.valueOf(dates.first()), Date.valueOf(dates.last()));
    Dataset<Row> rows = sessions.filter(inRange);
    return new Candidate(rows, inRange, dates, rows.count(), late, false);
  }

  private static void writeCandidate(Candidate c, String branchIdent, Table table, String branch, Map<String, String> lineage) {
    if (c.dates().isEmpty() && c.incremental()) {
      // nothing changed (e.g. only duplicates arrived): still record that the source was processed
      IcebergTables.commitSummary(table, branch, lineage);
      return;
    }
    IcebergTables.overwrite(c.rows().selectExpr(SilverSchema.eventColumns())
        .sortWithinPartitions("event_date", "user_id", "event_time"), branchIdent, LineageKeys.writeOptions(lineage), c.replaces());
  }

  /** The Bronze rows a plan covers: the appended delta (INCREMENTAL) or the whole table as of its snapshot. */
  private static Dataset<Row> read(SparkSession spark, String bronzeName, RunPlan plan) {
    return plan.mode() == PlanMode.INCREMENTAL
        ? spark.read().format("iceberg").option("start-snapshot-id", plan.fromSnapshotExclusive())
            .option("end-snapshot-id", plan.toSnapshotInclusive()).load(bronzeName)
        : spark.read().format("iceberg").option("versionAsOf", plan.toSnapshotInclusive()).load(bronzeName);
  }

  private static boolean sameRead(RunPlan a, RunPlan b) {
    return a.mode() == b.mode() && Objects.equals(a.fromSnapshotExclusive(), b.fromSnapshotExclusive())
        && Objects.equals(a.toSnapshotInclusive(), b.toSnapshotInclusive());
  }

  private static void writeRejects(Dataset<Row> rejects, RunPlan plan, String branchIdent, Map<String, String> lineage) {
    if (plan.isNoop() || !plan.partitions().all() && plan.mode() == PlanMode.FULL) {
      return; // published by an earlier attempt, or a date-range rebuild (rejects have no event date)
    }
    Dataset<Row> rows = rejects.selectExpr(SilverSchema.REJECTS.fieldNames());
    if (plan.mode() == PlanMode.FULL) {
      IcebergTables.overwrite(rows, branchIdent, LineageKeys.writeOptions(lineage), lit(true));
    } else {
      IcebergTables.append(rows, branchIdent, LineageKeys.writeOptions(lineage));
    }
  }

}
