package io.userflow.core.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotPlannerTest {
  private final SnapshotPlanner planner = new SnapshotPlanner();

  /** A linear history of appends with 100 records each: ids 1..n. */
  private static List<SnapshotFact> appends(int n) {
    List<SnapshotFact> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new SnapshotFact(i, i == 1 ? null : (long) i - 1, i * 1000L, "append", 100, 1, 1000, 100L * i, i, 1000L * i, Map.of()));
    }
    return out;
  }

  private static TargetState processedUpTo(long id) {
    return new TargetState(id, "v1", 99L);
  }

  @Test
  void appendsOnlyGivesIncrementalWithCounts() {
    RunPlan plan = planner.plan(new SourceHistory("bronze", 10L, appends(10)), processedUpTo(8), PlanRequest.auto("v1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.reason()).isEqualTo(PlanReason.APPENDS_ONLY);
    assertThat(plan.snapshotCount()).isEqualTo(2);
    assertThat(plan.records()).isEqualTo(200);
    assertThat(plan.fromSnapshotExclusive()).isEqualTo(8L);
    assertThat(plan.toSnapshotInclusive()).isEqualTo(10L);
    assertThat(plan.snapshotRange()).isEqualTo("8..10");
  }

  @Test
  void deltaAboveShareGivesFullInAutoButNotWhenIncrementalRequested() {
    SourceHistory source = new SourceHistory("bronze", 10L, appends(10));
    RunPlan auto = planner.plan(source, processedUpTo(2), PlanRequest.auto("v1"));
    assertThat(auto.mode()).isEqualTo(PlanMode.FULL);
    assertThat(auto.reason()).isEqualTo(PlanReason.DELTA_TOO_LARGE);
    assertThat(auto.message()).contains("800 records written", "80%", "50%");

    RunPlan forcedIncremental = planner.plan(source, processedUpTo(2),
        new PlanRequest(RequestedMode.INCREMENTAL, "v1", 0.5, null));
    assertThat(forcedIncremental.mode()).isEqualTo(PlanMode.INCREMENTAL);
  }

  @Test
  void nonAppendInRangeGivesFull() {
    List<SnapshotFact> history = new ArrayList<>(appends(5));
    history.add(new SnapshotFact(6, 5L, 6000, "overwrite", 10, 1, 10, 500, 5, 5000, Map.of()));
    history.add(new SnapshotFact(7, 6L, 7000, "append", 10, 1, 10, 510, 6, 5010, Map.of()));
    RunPlan plan = planner.plan(new SourceHistory("bronze", 7L, history), processedUpTo(4), PlanRequest.auto("v1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.FULL);
    assertThat(plan.reason()).isEqualTo(PlanReason.NON_APPEND_IN_RANGE);
    assertThat(plan.message()).contains("6", "overwrite");
  }

  @Test
  void upstreamOverwriteThatDeclaresItsPartitionsStaysIncremental() {
    List<SnapshotFact> history = new ArrayList<>(appends(5));
    history.add(new SnapshotFact(6, 5L, 6000, "overwrite", 10, 1, 10, 500, 5, 5000,
        Map.of("userflow.affected-dates", "2026-11-02", "userflow.plan-mode", "INCREMENTAL")));
    RunPlan plan = planner.plan(new SourceHistory("silver", 6L, history), processedUpTo(5), PlanRequest.auto("v1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);

    history.add(new SnapshotFact(7, 6L, 7000, "overwrite", 500, 1, 10, 500, 5, 5000,
        Map.of("userflow.affected-dates", "2026-11-01,2026-11-02", "userflow.plan-mode", "FULL",
            "userflow.plan-reason", "NO_PREVIOUS_RUN")));
    RunPlan rebuilt = planner.plan(new SourceHistory("silver", 7L, history), processedUpTo(5), PlanRequest.auto("v1"));
    assertThat(rebuilt.reason()).isEqualTo(PlanReason.UPSTREAM_FULL_REBUILD);
  }

  @Test
  void nonAppendBeforeLastProcessedDoesNotMatter() {
    List<SnapshotFact> history = new ArrayList<>();
    history.add(new SnapshotFact(1, null, 1, "overwrite", 100, 1, 10, 100, 1, 10, Map.of()));
    history.add(new SnapshotFact(2, 1L, 2, "append", 100, 1, 10, 200, 2, 20, Map.of()));
    history.add(new SnapshotFact(3, 2L, 3, "append", 10, 1, 10, 210, 3, 30, Map.of()));
    RunPlan plan = planner.plan(new SourceHistory("bronze", 3L, history), processedUpTo(2), PlanRequest.auto("v1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
  }

  @Test
  void explicitRequestsWin() {
    SourceHistory source = new SourceHistory("bronze", 10L, appends(10));
    assertThat(planner.plan(source, processedUpTo(10), new PlanRequest(RequestedMode.FULL, "v1", 0.5, null)).reason())
        .isEqualTo(PlanReason.FORCED_BY_REQUEST);
    RunPlan range = planner.plan(source, processedUpTo(10),
        new PlanRequest(RequestedMode.AUTO, "v1", 0.5, DateRange.parse("2026-11-01", "2026-11-02")));
    assertThat(range.mode()).isEqualTo(PlanMode.FULL);
    assertThat(range.reason()).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
    assertThat(range.partitions().silverDates()).containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));
    assertThat(range.partitions().goldRollingDates()).hasSize(8)
        .startsWith(LocalDate.parse("2026-11-01")).endsWith(LocalDate.parse("2026-11-08"));
  }

  @Test
  void aRangeRebuildsFromTheLastProcessedSnapshotAndLeavesNewerAppendsPending() {
    SourceHistory source = new SourceHistory("bronze", 10L, appends(10));
    PlanRequest ranged = new PlanRequest(RequestedMode.AUTO, "v1", 0.5, DateRange.parse("2026-11-02", "2026-11-03"));
    RunPlan plan = planner.plan(source, processedUpTo(7), ranged);
    assertThat(plan.mode()).isEqualTo(PlanMode.FULL);
    assertThat(plan.reason()).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
    assertThat(plan.range()).as("the plan carries the dates it rebuilds").isEqualTo(ranged.range());
    // what it reads and records: snapshot 7, so the lineage does not move past appends 8..10 it did not process
    assertThat(plan.toSnapshotInclusive()).isEqualTo(7L);
    assertThat(plan.snapshotCount()).isEqualTo(7);
    assertThat(plan.message()).contains("snapshot 7", "first processes the 3 newer snapshot(s)");
    RunPlan next = planner.plan(source, processedUpTo(7), PlanRequest.auto("v1"));
    assertThat(next.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(next.fromSnapshotExclusive()).isEqualTo(7L);
    // a FULL request with a range is still the range
    assertThat(planner.plan(source, processedUpTo(7), new PlanRequest(RequestedMode.FULL, "v1", 0.5, ranged.range()))
        .reason()).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
  }

  @Test
  void aRangeOnATableNeverProcessedOrOnAnotherTransformProcessesEverything() {
    SourceHistory source = new SourceHistory("bronze", 10L, appends(10));
    PlanRequest ranged = new PlanRequest(RequestedMode.AUTO, "v2", 0.5, DateRange.parse("2026-11-02", "2026-11-03"));
    assertThat(planner.plan(source, TargetState.never(), ranged).reason()).isEqualTo(PlanReason.NO_PREVIOUS_RUN);
    assertThat(planner.plan(source, processedUpTo(7), ranged).reason()).isEqualTo(PlanReason.TRANSFORM_VERSION_CHANGED);
    // everything is rebuilt, so the plan names no range: a status or a job argument shows none
    assertThat(planner.plan(source, TargetState.never(), ranged).range()).isNull();
  }

  @Test
  void transformVersionChangeGivesFull() {
    RunPlan plan = planner.plan(new SourceHistory("bronze", 10L, appends(10)), processedUpTo(9), PlanRequest.auto("v2"));
    assertThat(plan.reason()).isEqualTo(PlanReason.TRANSFORM_VERSION_CHANGED);
    assertThat(plan.message()).contains("v1", "v2");
  }

  @Test
  void noopsSayWhy() {
    assertThat(planner.plan(new SourceHistory("bronze", null, List.of()), TargetState.never(), PlanRequest.auto("v1")).reason())
        .isEqualTo(PlanReason.SOURCE_EMPTY);
    RunPlan same = planner.plan(new SourceHistory("bronze", 10L, appends(10)), processedUpTo(10), PlanRequest.auto("v1"));
    assertThat(same.mode()).isEqualTo(PlanMode.NOOP);
    assertThat(same.reason()).isEqualTo(PlanReason.NO_NEW_SNAPSHOTS);
  }

  @Test
  void invalidRequestsAreRejectedUpFront() {
    assertThatThrownBy(() -> new PlanRequest(RequestedMode.AUTO, "v1", 0, null)).hasMessageContaining("fullRebuildShare");
    assertThatThrownBy(() -> DateRange.parse("2026-11-05", "2026-11-01")).hasMessageContaining("before it starts");
    assertThatThrownBy(() -> new PlanRequest(null, "v1", 0.5, null)).hasMessageContaining("requested mode");
  }

  @Test
  void affectedDatesRoundTripThroughSummaryFormat() {
    var dates = List.of(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-01"));
    String csv = AffectedPartitions.format(dates);
    assertThat(csv).isEqualTo("2026-11-01,2026-11-03");
    assertThat(AffectedPartitions.parse(csv)).containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03"));
    assertThat(AffectedPartitions.parse("")).isEmpty();
  }

  /** What rewrite_data_files commits: a replace that re-adds the records it rewrote. */
  private static SnapshotFact compaction(long id, long parent, long totalRecords) {
    return new SnapshotFact(id, parent, id * 1000L, SnapshotFact.REPLACE, totalRecords, 1, 1000, totalRecords, 1, 1000,
        Map.of());
  }

  /** The AUTO plan after {@code appends} appends, all processed, then {@code later} snapshots; the last is current. */
  private RunPlan planAfter(int appends, SnapshotFact... later) {
    List<SnapshotFact> history = new ArrayList<>(appends(appends));
    history.addAll(List.of(later));
    long current = later[later.length - 1].snapshotId();
    return planner.plan(new SourceHistory("bronze", current, history), processedUpTo(appends), PlanRequest.auto("v1"));
  }

  @Test
  void compactionInRangeNeitherForcesFullNorCountsAsDelta() {
    RunPlan plan = planAfter(10, compaction(11, 10, 1000),
        new SnapshotFact(12, 11L, 12000, "append", 100, 1, 1000, 1100, 2, 2000, Map.of()));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.reason()).isEqualTo(PlanReason.APPENDS_ONLY);
    assertThat(plan.records()).isEqualTo(100);
    assertThat(plan.files()).isEqualTo(1);
    assertThat(plan.snapshotCount()).isEqualTo(1);
    assertThat(plan.snapshotRange()).isEqualTo("10..12");
    assertThat(plan.message()).contains("1 compaction(s) skipped");
  }

  @Test
  void onlyACompactionSinceTheLastRunIsNothingToDo() {
    RunPlan plan = planAfter(10, compaction(11, 10, 1000));
    assertThat(plan.mode()).isEqualTo(PlanMode.NOOP);
    assertThat(plan.reason()).isEqualTo(PlanReason.ONLY_COMPACTIONS);
    assertThat(plan.message()).contains("1 compaction(s)", "no data changed");
    assertThat(plan.records()).isZero();
  }

  @Test
  void otherNonAppendsStillForceFullBesideACompaction() {
    RunPlan plan = planAfter(5, compaction(6, 5, 500),
        new SnapshotFact(7, 6L, 7000, "delete", 0, 0, 0, 450, 1, 900, Map.of()));
    assertThat(plan.reason()).isEqualTo(PlanReason.NON_APPEND_IN_RANGE);
    assertThat(plan.message()).contains("7", "delete");
  }

  @Test
  void onlyReplaceIsDataNeutral() {
    assertThat(compaction(1, 0, 10).isDataNeutral()).isTrue();
    for (String op : List.of("append", "overwrite", "delete")) {
      assertThat(new SnapshotFact(1, null, 1, op, 0, 0, 0, 0, 0, 0, Map.of()).isDataNeutral()).as(op).isFalse();
    }
  }
}
