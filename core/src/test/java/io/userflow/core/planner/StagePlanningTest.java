package io.userflow.core.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.lineage.LineageKeys;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StagePlanningTest {

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
  }
}
