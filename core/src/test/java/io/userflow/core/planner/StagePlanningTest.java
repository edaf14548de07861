package io.userflow.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.events.EventDeclaration;
import io.userflow.core.lineage.LineageKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gold's partitions from Silver's commits: row level after row-level commits, whole dates otherwise. */
class StagePlanningTest {
  private static final Map<String, String> SILVER_RUN = Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, "1",
      LineageKeys.TRANSFORM_VERSION, "s1", LineageKeys.PLAN_MODE, "INCREMENTAL");

  private static SnapshotFact commit(long id, String operation, String dates, boolean rowLevel) {
    Map<String, String> summary = new java.util.HashMap<>(SILVER_RUN);
    summary.put(LineageKeys.AFFECTED_DATES, dates);
    if (rowLevel) {
      summary.put(LineageKeys.CHANGE_UNIT, LineageKeys.CHANGED_ROWS);
    }
    return new SnapshotFact(id, id - 1, id * 1000, operation, 10, 1, 100, 1000, 10, 10_000, summary);
  }

  private static SourceHistory silver(SnapshotFact... commits) {
    List<SnapshotFact> history = new ArrayList<>();
    history.add(new SnapshotFact(1, null, 1000, "append", 1000, 10, 10_000, 1000, 10, 10_000, SILVER_RUN));
    history.addAll(List.of(commits));
    return new SourceHistory("silver", commits[commits.length - 1].snapshotId(), history);
  }

  private static SourceHistory goldProcessed(long silverSnapshot) {
    return new SourceHistory("gold", 9L, List.of(new SnapshotFact(9, null, 9000, "append", 1, 1, 1, 1, 1, 1,
        Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(silverSnapshot), LineageKeys.TRANSFORM_VERSION, "g1"))));
  }

  @Test
  void rowLevelCommitsPlanGoldRowLevel() {
    RunPlan plan = StagePlanning.gold(silver(commit(2, "overwrite", "2026-11-01,2026-11-03", true),
        commit(3, "overwrite", "2026-11-02", true)), goldProcessed(1), PlanRequest.auto("g1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.partitions().goldRowLevel()).isTrue();
    assertThat(plan.partitions().goldRowLevelSnapshots()).containsExactly(2L, 3L);
    assertThat(plan.partitions().goldDailyDates()).containsExactly(LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-03"));
    assertThat(plan.partitions().goldWholeDates()).isEmpty();
  }

  @Test
  void aPartitionCommitInRangeMakesItsDatesWhole() {
    RunPlan plan = StagePlanning.gold(silver(commit(2, "overwrite", "2026-11-01", true),
        commit(3, "overwrite", "2026-11-05", false)), goldProcessed(1), PlanRequest.auto("g1"));
    assertThat(plan.partitions().goldRowLevel()).isFalse();
    assertThat(plan.partitions().goldWholeDates()).containsExactly(LocalDate.parse("2026-11-05"));
    assertThat(plan.partitions().goldDailyDates()).hasSize(2);
  }

  @Test
  void commitsGoldAlreadyProcessedDoNotCount() {
    RunPlan plan = StagePlanning.gold(silver(commit(2, "overwrite", "2026-11-05", false),
        commit(3, "overwrite", "2026-11-02", true)), goldProcessed(2), PlanRequest.auto("g1"));
    assertThat(plan.partitions().goldRowLevel()).isTrue();
    assertThat(plan.partitions().goldRowLevelSnapshots()).containsExactly(3L);
    assertThat(plan.partitions().goldDailyDates()).containsExactly(LocalDate.parse("2026-11-02"));
  }

  @Test
  void lineageOnlyCommitsLeaveNothingToDo() {
    RunPlan plan = StagePlanning.gold(silver(commit(2, "append", "", false)), goldProcessed(1), PlanRequest.auto("g1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.partitions().goldRowLevel()).isFalse();
    assertThat(plan.partitions().goldDailyDates()).isEmpty();
  }

  private static SnapshotFact silverCommit(long id, Long parent, String dates) {
    return new SnapshotFact(id, parent, id * 1000L, "overwrite", 10, 1, 100, 10 * id, id, 100 * id,
        Map.of(LineageKeys.AFFECTED_DATES, dates, LineageKeys.PLAN_MODE, "INCREMENTAL"));
  }

  private static SnapshotFact goldLineage(long id, long silverSnapshot) {
    return new SnapshotFact(id, id == 1 ? null : id - 1, id * 1000L, "overwrite", 1, 1, 1, 1, 1, 1,
        Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(silverSnapshot), LineageKeys.TRANSFORM_VERSION, "g1"));
  }

  @Test
  void goldTakesNoDatesFromACompactionOfSilverAndLagSkipsIt() {
    SourceHistory silver = new SourceHistory("silver", 4L, List.of(
        silverCommit(1, null, "2026-11-01"),
        silverCommit(2, 1L, "2026-11-02"),
        new SnapshotFact(3, 2L, 3000, SnapshotFact.REPLACE, 20, 1, 200, 20, 1, 200, Map.of()),
        silverCommit(4, 3L, "2026-11-04")));
    SourceHistory gold = new SourceHistory("gold", 1L, List.of(goldLineage(1, 2)));

    RunPlan plan = StagePlanning.gold(silver, gold, PlanRequest.auto("g1"));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.partitions().goldDailyDates()).containsExactly(LocalDate.parse("2026-11-04"));
    assertThat(StagePlanning.lag(silver, gold)).isEqualTo(1);

    SourceHistory compactedOnly = new SourceHistory("silver", 3L, silver.snapshots().subList(0, 3));
    assertThat(StagePlanning.gold(compactedOnly, gold, PlanRequest.auto("g1")).reason())
        .isEqualTo(PlanReason.ONLY_COMPACTIONS);
    assertThat(StagePlanning.lag(compactedOnly, gold)).isZero();
    // what ./userflow status counts as pending is the same rule: the compaction is not, the append after it is
    assertThat(StagePlanning.pending(silver, gold)).extracting(SnapshotFact::snapshotId).containsExactly(4L);
    assertThat(StagePlanning.pending(compactedOnly, gold)).isEmpty();
  }

  @Test
  void liveRecordsLeaveOutTheRowsPositionDeletesRemove() {
    SnapshotFact merged = new SnapshotFact(5, 4L, 5000, "overwrite", 49, 1, 100, 14_242, 9, 900,
        Map.of("total-position-deletes", "49", "total-equality-deletes", "0"));
    assertThat(merged.liveRecords()).isEqualTo(14_193);
    assertThat(merged.hasEqualityDeletes()).isFalse();
    assertThat(silverCommit(2, 1L, "2026-11-02").liveRecords()).as("no deletes").isEqualTo(20);
    assertThat(new SnapshotFact(6, 5L, 6000, "delete", 0, 0, 0, 100, 1, 10, Map.of("total-equality-deletes", "3"))
        .hasEqualityDeletes()).isTrue();
  }

  private static SourceHistory bronze() {
    return new SourceHistory("bronze", 2L, List.of(
        new SnapshotFact(1, null, 1000, "append", 10, 1, 100, 10, 1, 100, Map.of()),
        new SnapshotFact(2, 1L, 2000, "append", 10, 1, 100, 20, 2, 200, Map.of())));
  }

  private static SourceHistory silverWrittenWith(EventDeclaration events) {
    Map<String, String> summary = new java.util.HashMap<>(SILVER_RUN);
    if (!events.isDefault()) {
      summary.put(LineageKeys.EVENTS, events.toJson());
    }
    return new SourceHistory("silver", 7L, List.of(new SnapshotFact(7, null, 7000, "append", 1, 1, 1, 1, 1, 1, summary)));
  }

  @Test
  void silverIsRebuiltWhenADeclaredFieldChangesItsRulesButNotWhenOneIsAdded() {
    EventDeclaration coupon = EventDeclaration.parse("fields: [{name: coupon, type: string, maxLength: 32}]");
    // default tables carry no declaration: the defaults, so nothing changed
    assertThat(StagePlanning.silver(bronze(), silverWrittenWith(EventDeclaration.defaults()), PlanRequest.auto("s1"))
        .mode()).isEqualTo(PlanMode.INCREMENTAL);
    RunPlan added = StagePlanning.silver(bronze(), silverWrittenWith(EventDeclaration.defaults()),
        PlanRequest.auto("s1"), coupon);
    assertThat(added.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(StagePlanning.silver(bronze(), silverWrittenWith(coupon), PlanRequest.auto("s1"), coupon).mode())
        .isEqualTo(PlanMode.INCREMENTAL);
    RunPlan changed = StagePlanning.silver(bronze(), silverWrittenWith(coupon), PlanRequest.auto("s1"),
        EventDeclaration.parse("fields: [{name: coupon, type: string, maxLength: 16}]"));
    assertThat(changed.mode()).isEqualTo(PlanMode.FULL);
    assertThat(changed.reason()).isEqualTo(PlanReason.EVENTS_CHANGED);
    assertThat(changed.message()).contains("field coupon changed from string optional maxLength 32 to string"
        + " optional maxLength 16");
    assertThat(changed.partitions().all()).isTrue();
    // nothing new in Bronze: the change alone is a reason to run
    RunPlan caughtUp = StagePlanning.silver(bronze(), new SourceHistory("silver", 7L, List.of(new SnapshotFact(7, null,
        7000, "append", 1, 1, 1, 1, 1, 1, Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, "2", LineageKeys.TRANSFORM_VERSION,
        "s1", LineageKeys.EVENTS, coupon.toJson())))), PlanRequest.auto("s1"), EventDeclaration.parse("types: [purchase]"));
    assertThat(caughtUp.reason()).isEqualTo(PlanReason.EVENTS_CHANGED);
    assertThat(caughtUp.message()).contains("accepted event types changed");
  }

  @Test
  void anUnreadableRecordedDeclarationIsAChange() {
    SourceHistory silver = new SourceHistory("silver", 7L, List.of(new SnapshotFact(7, null, 7000, "append", 1, 1, 1,
        1, 1, 1, Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, "1", LineageKeys.TRANSFORM_VERSION, "s1", LineageKeys.EVENTS,
        "{\"fields\": 3}"))));
    assertThat(StagePlanning.silver(bronze(), silver, PlanRequest.auto("s1")).reason())
        .isEqualTo(PlanReason.EVENTS_CHANGED);
  }
}
