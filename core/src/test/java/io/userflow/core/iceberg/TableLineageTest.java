package io.userflow.core.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotPlanner;
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
  private final SnapshotPlanner planner = new SnapshotPlanner();

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
    return planner.plan(TableLineage.history(source), TableLineage.targetState(target), PlanRequest.auto(version));
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

  @Test
  void deleteInRangeForcesFull() throws Exception {
    long s1 = LocalTables.append(source, 0, 100);
    recordRun(s1, "v1", "");
    LocalTables.append(source, 100, 10);
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
    long s1 = LocalTables.append(source, 0, 100);
    recordRun(s1, "v1", "");
    LocalTables.append(source, 100, 10);
    LocalTables.append(source, 110, 10);
    source.expireSnapshots().expireSnapshotId(s1).commit();
    assertThat(plan("v1").reason()).isEqualTo(PlanReason.LAST_PROCESSED_EXPIRED);
  }

  @Test
  void readsLineageAndAffectedDatesFromSummaries() throws Exception {
    assertThat(TableLineage.targetState(target)).isEqualTo(TargetState.never());
    long s1 = LocalTables.append(source, 0, 10);
    recordRun(s1, "v1", "2026-11-01,2026-11-02");
    long t1 = target.currentSnapshot().snapshotId();
    long s2 = LocalTables.append(source, 10, 10);
    recordRun(s2, "v1", "2026-11-02,2026-11-05");
    // an unrelated commit without lineage on top must not hide the last run
    target.newAppend().appendFile(LocalTables.dataFile(target, 999, 1)).commit();
    target.refresh();

    TargetState state = TableLineage.targetState(target);
    assertThat(state.lastProcessedSourceSnapshotId()).isEqualTo(s2);
    assertThat(state.transformVersion()).isEqualTo("v1");
    assertThat(TableLineage.affectedDates(target, t1, target.currentSnapshot().snapshotId()))
        .containsExactly(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-05"));
    assertThat(TableLineage.affectedDates(target, null, target.currentSnapshot().snapshotId())).hasSize(3);
  }
}
