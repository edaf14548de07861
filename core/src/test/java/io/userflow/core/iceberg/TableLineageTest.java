package io.userflow.core.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.AuditBranch;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.planner.StagePlanning;
import io.userflow.core.planner.TargetState;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner on real Iceberg tables (Parquet files, SQLite JDBC catalog) in a temp dir, without Spark. */
class TableLineageTest {
  @TempDir Path dir;
  private Catalog catalog;
  private Table source;
  private Table target;

  @BeforeEach
  void setUp() {
    catalog = LocalTables.catalog(dir);
    source = LocalTables.create(catalog, "bronze_events");
    target = LocalTables.create(catalog, "silver_events");
  }

  /** Commits a target snapshot recording that the source was processed up to {@code sourceSnapshot}. */
  private void recordRun(long sourceSnapshot, String version, String dates) throws Exception {
    target.newAppend().appendFile(LocalTables.dataFile(target, sourceSnapshot, 1))
        .set(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(sourceSnapshot))
        .set(LineageKeys.TRANSFORM_VERSION, version)
        .set(LineageKeys.AFFECTED_DATES, dates)
        .commit();
    target.refresh();
  }

  private RunPlan plan(String version) {
    source.refresh();
    target.refresh();
    return StagePlanning.silver(TableLineage.history(source), TableLineage.history(target), PlanRequest.auto(version));
  }

  @Test
  void walksFromEmptyThroughFirstRunToIncremental() throws Exception {
    assertThat(plan("v1").reason()).isEqualTo(PlanReason.SOURCE_EMPTY);
    long s1 = LocalTables.append(source, 0, 100);
    RunPlan first = plan("v1");
    assertThat(first.mode()).isEqualTo(PlanMode.FULL);
    assertThat(first.reason()).isEqualTo(PlanReason.NO_PREVIOUS_RUN);
    assertThat(first.records()).isEqualTo(100);
    assertThat(first.bytes()).isPositive();

    recordRun(s1, "v1", "2026-11-01");
    assertThat(plan("v1").reason()).isEqualTo(PlanReason.NO_NEW_SNAPSHOTS);

    long s2 = LocalTables.append(source, 100, 10);
    long s3 = LocalTables.append(source, 110, 15);
    RunPlan incremental = plan("v1");
    assertThat(incremental.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(incremental.snapshotCount()).isEqualTo(2);
    assertThat(incremental.records()).isEqualTo(25);
    assertThat(incremental.files()).isEqualTo(2);
    assertThat(incremental.fromSnapshotExclusive()).isEqualTo(s1);
    assertThat(incremental.toSnapshotInclusive()).isEqualTo(s3);
    assertThat(s2).isNotEqualTo(s3);

    assertThat(plan("v2").reason()).isEqualTo(PlanReason.TRANSFORM_VERSION_CHANGED);
  }

  /** 100 source rows processed in a run at v1, then 10 more appended; returns the processed snapshot. */
  private long processedThenAppended() throws Exception {
    long processed = LocalTables.append(source, 0, 100);
    recordRun(processed, "v1", "");
    LocalTables.append(source, 100, 10);
    return processed;
  }

  @Test
  void deleteInRangeForcesFull() throws Exception {
    processedThenAppended();
    source.newDelete().deleteFromRowFilter(Expressions.alwaysTrue()).commit();
    LocalTables.append(source, 200, 10);
    RunPlan plan = plan("v1");
    assertThat(plan.reason()).isEqualTo(PlanReason.NON_APPEND_IN_RANGE);
    assertThat(plan.message()).contains("delete");
  }

  @Test
  void rollbackPastLastProcessedIsNotAnAncestor() throws Exception {
    long s1 = LocalTables.append(source, 0, 100);
    long s2 = LocalTables.append(source, 100, 10);
    recordRun(s2, "v1", "");
    source.manageSnapshots().rollbackTo(s1).commit();
    LocalTables.append(source, 300, 5);
    assertThat(plan("v1").reason()).isEqualTo(PlanReason.NOT_AN_ANCESTOR);
  }

  @Test
  void expiredLastProcessedSnapshotForcesFull() throws Exception {
    long s1 = processedThenAppended();
    LocalTables.append(source, 110, 10);
    source.expireSnapshots().expireSnapshotId(s1).commit();
    assertThat(plan("v1").reason()).isEqualTo(PlanReason.LAST_PROCESSED_EXPIRED);
  }

  @Test
  void readsLineageAndAffectedDatesFromSummaries() throws Exception {
    assertThat(StagePlanning.lineage(TableLineage.history(target))).isEqualTo(TargetState.never());
    long s1 = LocalTables.append(source, 0, 10);
    recordRun(s1, "v1", "2026-11-01,2026-11-02");
    long t1 = target.currentSnapshot().snapshotId();
    long s2 = LocalTables.append(source, 10, 10);
    recordRun(s2, "v1", "2026-11-02,2026-11-05");
    // an unrelated commit without lineage on top must not hide the last run
    target.newAppend().appendFile(LocalTables.dataFile(target, 999, 1)).commit();
    target.refresh();

    TargetState state = StagePlanning.lineage(TableLineage.history(target));
    assertThat(state.lastProcessedSourceSnapshotId()).isEqualTo(s2);
    assertThat(state.transformVersion()).isEqualTo("v1");
    // Gold, having processed this Silver up to t1, rewrites what the later Silver commits say they rewrote
    Table gold = LocalTables.create(catalog, "user_rolling_7d_features");
    gold.newAppend().appendFile(LocalTables.dataFile(gold, 0, 1))
        .set(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(t1)).set(LineageKeys.TRANSFORM_VERSION, "v1").commit();
    gold.refresh();
    PlanRequest incremental = new PlanRequest(RequestedMode.INCREMENTAL, "v1", 0.5, null);
    RunPlan goldPlan = StagePlanning.gold(TableLineage.history(target), TableLineage.history(gold), incremental);
    assertThat(goldPlan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(goldPlan.partitions().goldDailyDates())
        .containsExactly(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-05"));
    assertThat(goldPlan.partitions().goldRollingDates()).hasSize(10);
  }

  @Test
  void readsAGateRefusalFromTheRunsAuditBranchOnly() throws Exception {
    long s1 = LocalTables.append(source, 0, 10);
    recordRun(s1, "v1", "");
    String branch = AuditBranch.forRun("rp-nightly-silver-1");
    target.manageSnapshots().createBranch(branch, target.currentSnapshot().snapshotId()).commit();
    target.newAppend().appendFile(LocalTables.dataFile(target, 50, 1)).toBranch(branch).commit();
    target.refresh();
    assertThat(GateVerdict.refusal(TableLineage.history(target), "rp-nightly-silver-1")).as("candidate, no verdict")
        .isEmpty();

    var refusal = target.newAppend().toBranch(branch);
    new GateVerdict("REJECT_RATIO: 0.5000 (expected <= 0.2000)").summary().forEach(refusal::set);
    refusal.commit();
    target.refresh();
    var history = TableLineage.history(target);
    assertThat(history.branches()).containsOnlyKeys(branch);
    assertThat(GateVerdict.refusal(history, "rp-nightly-silver-1")).map(GateVerdict::failedChecks)
        .contains("REJECT_RATIO: 0.5000 (expected <= 0.2000)");
    assertThat(GateVerdict.refusal(history, "rp-nightly-silver-2")).as("another run's branch").isEmpty();
    assertThat(StagePlanning.lineage(history).lastProcessedSourceSnapshotId()).as("main's lineage").isEqualTo(s1);
  }
}
