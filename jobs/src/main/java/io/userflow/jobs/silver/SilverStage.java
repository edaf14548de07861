package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.contract.AuditBranch;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.jobs.spark.Cached;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.DateFilters;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.Phases;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.WriteAuditPublish;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The Silver stage: plan from Bronze snapshots → read Bronze (delta or all) → validate → dedupe → sessionize
 * the affected users → write candidate partitions to an audit branch → quality gate → publish.
 */
public final class SilverStage {
  public static final String STAGE = "silver";
  public static final String REJECTS_STAGE = "silver-rejects";
  /** Bump when a transform changes its output: the next run is then FULL. */
  public static final String TRANSFORM_VERSION = "silver-2";

  /**
   * Up to this many Bronze records in an incremental run, the batch's ids are broadcast to the scan of Silver's ids
   * for dedupe (about 40 bytes an id: 80 MB at most), so Silver's ids are probed where they are read instead of
   * shuffled; a larger catch-up batch is left to Spark's own join choice.
   */
  static final long BROADCAST_BATCH_RECORDS = 2_000_000;

  /**
   * Tuning with defaults; see the CLI for descriptions. {@code events} is the pipeline's event declaration (its
   * declared fields and accepted event types; docs/EVENTS.md), today's contract unless given.
   */
  public record Settings(int sessionGapMinutes, double rejectRatioThreshold, EventLimits limits, Duration lateAfter,
      double maxUnrequestedShrink, EventDeclaration events) {
    public Settings {
      if (!(maxUnrequestedShrink >= 0 && maxUnrequestedShrink <= 1)) {
        throw new IllegalArgumentException("the largest unrequested shrink is a share in [0, 1], got " + maxUnrequestedShrink);
      }
      if (events == null) {
        throw new IllegalArgumentException("an event declaration is required (EventDeclaration.defaults(): today's)");
      }
    }

    public Settings(int sessionGapMinutes, double rejectRatioThreshold, EventLimits limits, Duration lateAfter,
        double maxUnrequestedShrink) {
      this(sessionGapMinutes, rejectRatioThreshold, limits, lateAfter, maxUnrequestedShrink, EventDeclaration.defaults());
    }

    public Settings withEvents(EventDeclaration declaration) {
      return new Settings(sessionGapMinutes, rejectRatioThreshold, limits, lateAfter, maxUnrequestedShrink, declaration);
    }

    public Settings(int sessionGapMinutes, double rejectRatioThreshold, EventLimits limits, Duration lateAfter) {
      this(sessionGapMinutes, rejectRatioThreshold, limits, lateAfter, JobOptions.MAX_UNREQUESTED_SHRINK_DEFAULT);
    }

    public static Settings defaults() {
      return new Settings(JobOptions.SESSION_GAP_MINUTES_DEFAULT, JobOptions.REJECT_RATIO_THRESHOLD_DEFAULT,
          EventLimits.defaults(), Duration.ofHours(1));
    }
  }

  private SilverStage() {}

  /**
   * The candidate a run writes. A row-level candidate ({@code replaces == null}) is the rows to merge by event_id:
   * new events and events whose session changed; otherwise {@code rows} replace the rows matching {@code replaces}.
   * {@code dates} are the dates whose features the rows touch; {@code sessionRows} the rows of the changed sessions.
   */
  private record Candidate(Dataset<Row> rows, Column replaces, SortedSet<LocalDate> dates, long newEvents, long lateEvents,
      long sessionRows, Integer dedupeDatesRead) {
    boolean rowLevel() {
      return replaces == null;
    }
  }

  public static SilverResult run(SparkSession spark, TableLayout layout, RunContext ctx, Settings settings) {
    return run(spark, layout, ctx, settings, CommitHook.NONE);
  }

  /**
   * As {@link #run(SparkSession, TableLayout, RunContext, Settings)}, telling {@code hook} at each commit boundary. A
   * backfill (a date range) first processes what is pending in Bronze, as an AUTO run would; the range is then
   * rebuilt from the snapshot that run processed (core's planner reads a range there and leaves the lineage as it
   * is), so the dates reflect everything up to now and nothing pending is skipped.
   */
  public static SilverResult run(SparkSession spark, TableLayout layout, RunContext ctx, Settings settings, CommitHook hook) {
    if (ctx.request().range() != null) {
      SilverResult caughtUp = runOnce(spark, layout, ctx.catchUp(), settings, hook);
      if (!caughtUp.plan().isNoop()) {
        System.err.println("silver: before the backfill, " + caughtUp.plan().mode() + " " + caughtUp.plan().reason()
            + (caughtUp.published() ? " published" : " refused by the gate: " + caughtUp.gate().describeFailed()));
      }
      if (!caughtUp.published() && !caughtUp.plan().isNoop()) {
        return caughtUp; // refused: the range is not rebuilt over data the gate turned away
      }
    }
    return runOnce(spark, layout, ctx, settings, hook);
  }

  private static SilverResult runOnce(SparkSession spark, TableLayout layout, RunContext ctx, Settings settings,
      CommitHook hook) {
    String bronzeName = layout.sparkName(layout.bronze());
    String silverName = layout.sparkName(layout.silver());
    String rejectsName = layout.sparkName(layout.rejects());
    Table bronze = IcebergTables.load(spark, bronzeName, "Run the Bronze stage first: it creates the table.");
    EventDeclaration events = settings.events();
    // a declared field is a column after Silver's own: added in place, so earlier rows read null
    EventColumns.SilverTable silverTable = EventColumns.ensure(spark, silverName, events);
    Table silver = silverTable.table();
    StructType extras = silverTable.extras();
    IcebergTables.mergeOnRead(silver);
    Table rejectsTable = IcebergTables.ensure(spark, rejectsName, SilverSchema.REJECTS, "ingest_date", REJECTS_STAGE);
    SourceHistory history = TableLineage.history(bronze);
    RunPlan plan = StagePlanning.silver(history, TableLineage.history(silver), ctx.request(), events);
    // the rejects keep lineage of their own: a crash between the two publishes leaves them ahead of Silver
    RunPlan rejectsPlan = StagePlanning.silver(history, TableLineage.history(rejectsTable), ctx.request(), events);
    // the snapshots the run plans from: its audit branches start there, so a commit made since fails its publish
    long silverBefore = silver.currentSnapshot().snapshotId();
    long rejectsBefore = rejectsTable.currentSnapshot().snapshotId();
    if (plan.isNoop()) {
      return SilverResult.noop(plan, silverBefore);
    }
    // the branches also pin the snapshots the run reads: maintenance running meanwhile cannot expire them
    String branch = AuditBranch.forRun(ctx.runId());
    WriteAuditPublish.begin(silver, branch, silverBefore);
    hook.after(CommitBoundary.SILVER_BRANCH_CREATED);
    WriteAuditPublish.begin(rejectsTable, branch, rejectsBefore);
    hook.after(CommitBoundary.REJECTS_BRANCH_CREATED);

    try (Phases phases = new Phases(STAGE, spark); Cached cached = new Cached()) {
      Dataset<Row> validated = cached.keep(SilverTransforms.validate(read(spark, bronzeName, plan), settings.limits(),
          events, extras));
      // one pass counts the input and its rejects by reason (null: valid)
      long bronzeCount = 0;
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : validated.groupBy("reject_reason").count().collectAsList()) {
        bronzeCount += r.getLong(1);
        if (!r.isNullAt(0)) {
          byReason.put(r.getString(0), r.getLong(1));
        }
      }
      phases.end("read and validate");
      Dataset<Row> rejectRows = SilverTransforms.rejects(sameRead(plan, rejectsPlan) ? validated
          : SilverTransforms.validate(read(spark, bronzeName, rejectsPlan), settings.limits(), events, extras));
      long rejectCount = byReason.values().stream().mapToLong(Long::longValue).sum();
      Dataset<Row> deduped = SilverTransforms.firstReceived(SilverTransforms.validEvents(validated));
      Dataset<Row> existing = SilverTransforms.conform(spark.read().format("iceberg").option("versionAsOf", silverBefore)
          .load(silverName), extras);
      // the index of the snapshot the run starts from; a FULL run over every date rebuilds it from nothing
      Optional<EventIdIndex> index = plan.mode() == PlanMode.FULL && plan.partitions().all()
          ? Optional.empty() : EventIdIndex.read(silver, silverBefore);

      Candidate candidate = plan.mode() == PlanMode.INCREMENTAL
          ? incremental(existing, deduped, plan.records() <= BROADCAST_BATCH_RECORDS ? index : Optional.empty(),
              plan.records() <= BROADCAST_BATCH_RECORDS, settings, phases, cached)
          : full(deduped, plan, settings, cached);
      phases.end(candidate.rowLevel() ? "changed sessions" : "sessions");

      Map<String, String> lineage = withEvents(ctx.lineage(STAGE, plan, candidate.dates()), events);
      writeCandidate(candidate, WriteAuditPublish.branchIdentifier(silverName, branch), silver, branch, lineage,
          SilverSchema.events(extras).fieldNames());
      phases.end(candidate.rowLevel() ? "merge" : "overwrite");
      silver.refresh();
      long candidateSnapshot = silver.snapshot(branch).snapshotId();
      // the dates the candidate wrote get new filters; without a base index every date does. The same pass counts
      // the gate's measures when it reads what the gate judges: a row-level candidate's dates, or a whole table
      EventIdIndex.Built built = EventIdIndex.update(index, candidate.dates(), spark.read().format("iceberg")
          .option("versionAsOf", candidateSnapshot).load(silverName)
          .filter(index.isPresent() ? DateFilters.in("event_date", candidate.dates()) : lit(true)), missingKey());
      built.index().attach(silver, candidateSnapshot);
      boolean indexReadGateRows = candidate.rowLevel() == index.isPresent();
      phases.end("event-id index");
      hook.after(CommitBoundary.SILVER_CANDIDATE_WRITTEN);
      writeRejects(rejectRows, rejectsPlan, WriteAuditPublish.branchIdentifier(rejectsName, branch),
          withEvents(ctx.lineage(REJECTS_STAGE, rejectsPlan, candidate.dates()), events));
      hook.after(CommitBoundary.REJECTS_CANDIDATE_WRITTEN);

      silver.refresh();
      IcebergTables.Rewrite rewrite = IcebergTables.Rewrite.of(silver.snapshot(branch));
      // the candidate's partitions (a row-level candidate: the dates it touched): rows, distinct ids, rows missing a
      // key; from the index's pass when it read them and found every id distinct and every key present, else (the
      // gate will fail, or two ids share a hash) counted exactly by a pass of its own
      Dataset<Row> written = spark.table(WriteAuditPublish.branchIdentifier(silverName, branch))
          .filter(candidate.rowLevel() ? DateFilters.in("event_date", candidate.dates()) : lit(true));
      long[] keys = indexReadGateRows && built.distinctHashes() == built.rows() && built.flaggedRows() == 0
          ? new long[] {built.rows(), built.rows(), 0} : gateMeasures(written);
      long candidateCount = keys[0];
      long silverAdded = candidate.rowLevel() ? rewrite.rowsWritten() - rewrite.rowsRemoved() : candidateCount;
      long validCount = bronzeCount - rejectCount;
      boolean ranged = plan.partitions().all() ? false : plan.mode() == PlanMode.FULL;
      long duplicates = validCount - candidate.newEvents();
      phases.end("rejects and gate measures");
      // main's live rows (deletes applied), counted only for a FULL run nobody asked for
      QualityGate.Shrink shrink = plan.isUnrequestedFull() ? new QualityGate.Shrink(existing.count(), candidateCount,
          settings.maxUnrequestedShrink(), plan.reason().name()) : null;
      QualityGate.Verdict verdict = QualityGate.judge(new QualityGate.Measures(bronzeCount, silverAdded, rejectCount,
          duplicates, candidateCount - keys[1], keys[2], settings.rejectRatioThreshold(), !ranged,
          shrink));
      Long published = null;
      if (verdict.passed()) {
        WriteAuditPublish.publish(rejectsTable, branch, rejectsBefore, () -> hook.after(CommitBoundary.REJECTS_FAST_FORWARDED));
        hook.after(CommitBoundary.REJECTS_PUBLISHED);
        published = WriteAuditPublish.publish(silver, branch, silverBefore, () -> hook.after(CommitBoundary.SILVER_FAST_FORWARDED));
        hook.after(CommitBoundary.SILVER_PUBLISHED);
      } else {
        recordRefusal(silver, branch, verdict);
      }
      phases.end(verdict.passed() ? "publish" : "record refusal");
      phases.print(plan.mode() + " run, " + rewrite.rowsWritten() + " rows written");
      return new SilverResult(plan, bronzeCount, candidate.newEvents(), rejectCount, byReason, duplicates,
          candidate.lateEvents(), candidate.dates(), rewrite.rowsWritten(), candidate.sessionRows(),
          candidate.dedupeDatesRead(), verdict,
          verdict.passed(), branch, published == null ? silverBefore : published);
    }
  }

  /** A row without one of the keys Silver's rows must have. */
  private static Column missingKey() {
    return col("event_id").isNull().or(col("user_id").isNull()).or(col("event_time").isNull())
        .or(col("session_id").isNull());
  }

  /** One pass over {@code written}: its rows, its distinct event ids and its rows {@link #missingKey()}. */
  private static long[] gateMeasures(Dataset<Row> written) {
    Row r = written.agg(count(lit(1)), countDistinct(col("event_id")), count(when(missingKey(), 1))).first();
    return new long[] {r.getLong(0), r.getLong(1), r.getLong(2)};
  }

  /** The refusal on the audit branch's head, where the operator reads it; the candidate stays for inspection. */
  private static void recordRefusal(Table silver, String branch, QualityGate.Verdict verdict) {
    IcebergTables.commitSummary(silver, branch, new GateVerdict(verdict.describeFailed()).summary());
    silver.refresh();
  }

  /**
   * New events and the existing events whose session they change. Dedupe reads Silver's ids of the dates the
   * event-id {@code index} says may hold the batch's ids, or of every date without one.
   */
  private static Candidate incremental(Dataset<Row> existing, Dataset<Row> deduped, Optional<EventIdIndex> index,
      boolean broadcastBatch, Settings settings, Phases phases, Cached cached) {
    Integer datesRead = null;
    String scope = "every date";
    Dataset<Row> fresh;
    if (index.isPresent()) {
      Dataset<Row> batch = cached.keep(deduped); // read for its hashes, then probed or kept as it is
      long[] hashes = batch.select(EventIdIndex.hash()).as(Encoders.LONG()).collectAsList().stream()
          .mapToLong(Long::longValue).toArray();
      SortedSet<LocalDate> dates = index.get().datesThatMayHold(hashes);
      datesRead = dates.size();
      scope = dates.size() + " of " + index.get().dates().size() + " dates by the event-id index";
      // no date may hold one of the ids: Silver holds none of them
      fresh = dates.isEmpty() ? batch : cached.keep(SilverTransforms.notIn(batch,
          existing.filter(DateFilters.in("event_date", dates)), broadcastBatch));
    } else {
      fresh = cached.keep(SilverTransforms.notIn(deduped, existing, broadcastBatch));
    }
    // one pass: new events, late ones, and the dates they fall on
    Row counts = fresh.agg(count(lit(1)), count(when(SilverTransforms.isLate(settings.lateAfter()), 1)),
        collect_set(col("event_date"))).first();
    long newEvents = counts.getLong(0);
    long late = counts.getLong(1);
    TreeSet<LocalDate> freshDates = new TreeSet<>();
    counts.<Date>getList(2).forEach(d -> freshDates.add(d.toLocalDate()));
    phases.end("dedupe against Silver (" + scope + ")");
    Dataset<Row> affectedExisting = SessionScope.sessionsNear(existing, fresh, freshDates, settings.sessionGapMinutes(),
        broadcastBatch, cached);
    SessionScope.Change change = SessionScope.change(
        SessionScope.resessionize(affectedExisting, fresh, settings.sessionGapMinutes()), cached);
    return new Candidate(change.rows(), null, change.dates(), newEvents, late, change.sessionRows(), datesRead);
  }

  private static Candidate full(Dataset<Row> deduped, RunPlan plan, Settings settings, Cached cached) {
    Dataset<Row> sessions = cached.keep(SilverTransforms.sessionize(deduped, settings.sessionGapMinutes()));
    // one pass: events, late events, and the event dates they fall on
    Row counts = sessions.agg(count(lit(1)), count(when(SilverTransforms.isLate(settings.lateAfter()), 1)),
        collect_set(col("event_date"))).first();
    long newEvents = counts.getLong(0);
    long late = counts.getLong(1);
    if (plan.partitions().all()) {
      TreeSet<LocalDate> dates = new TreeSet<>();
      counts.<Date>getList(2).forEach(d -> dates.add(d.toLocalDate()));
      return new Candidate(sessions, lit(true), dates, newEvents, late, newEvents, null);
    }
    SortedSet<LocalDate> dates = plan.partitions().silverDates();
    Column inRange = col("event_date").between(Date.valueOf(dates.first()), Date.valueOf(dates.last()));
    Dataset<Row> rows = sessions.filter(inRange);
    long inRangeRows = rows.count();
    return new Candidate(rows, inRange, dates, inRangeRows, late, inRangeRows, null);
  }

  /** The declaration beside the lineage, when it is not today's: default tables keep exactly their summaries. */
  private static Map<String, String> withEvents(Map<String, String> lineage, EventDeclaration events) {
    if (!events.isDefault()) {
      lineage.put(LineageKeys.EVENTS, events.toJson());
      lineage.put(LineageKeys.EVENTS_HASH, events.hash());
    }
    return lineage;
  }

  private static void writeCandidate(Candidate c, String branchIdent, Table table, String branch, Map<String, String> lineage,
      String[] columns) {
    if (!c.rowLevel()) {
      IcebergTables.overwrite(c.rows().selectExpr(columns)
          .sortWithinPartitions("event_date", "user_id", "event_time"), branchIdent, LineageKeys.writeOptions(lineage),
          c.replaces());
    } else if (c.dates().isEmpty()) {
      // nothing changed (e.g. only duplicates arrived): still record that the source was processed
      IcebergTables.commitSummary(table, branch, lineage);
    } else {
      Map<String, String> summary = new LinkedHashMap<>(lineage);
      summary.put(LineageKeys.CHANGE_UNIT, LineageKeys.CHANGED_ROWS);
      IcebergTables.merge(c.rows().selectExpr(columns), branchIdent, List.of("event_id", "event_date"),
          DateFilters.targetIn("event_date", c.dates()), summary);
    }
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
