package io.userflow.operator.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.PlanMode;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.Patterns;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.StagePlan;
import org.junit.jupiter.api.Test;

class ChildNamesTest {

  private static StagePlan plan(PlanMode mode, Long from, Long to) {
    StagePlan p = new StagePlan();
    p.mode = mode;
    p.fromSnapshotId = from;
    p.toSnapshotId = to;
    return p;
  }

  @Test
  void streamingNameIsThePipelineNamePlusBronze() {
    assertThat(ChildNames.streaming("clicks")).isEqualTo("clicks-bronze");
  }

  @Test
  void stageNameIsStableForTheSamePlanAndAttempt() {
    String a = ChildNames.stage("nightly", Stage.Silver, plan(PlanMode.INCREMENTAL, 1L, 5L), 1);
    String b = ChildNames.stage("nightly", Stage.Silver, plan(PlanMode.INCREMENTAL, 1L, 5L), 1);
    assertThat(a).isEqualTo(b).matches("nightly-silver-[0-9a-f]{8}-1");
  }

  @Test
  void stageNameChangesWithRangeStageAndAttempt() {
    String base = ChildNames.stage("nightly", Stage.Silver, plan(PlanMode.INCREMENTAL, 1L, 5L), 1);
    assertThat(ChildNames.stage("nightly", Stage.Silver, plan(PlanMode.INCREMENTAL, 1L, 6L), 1)).isNotEqualTo(base);
    assertThat(ChildNames.stage("nightly", Stage.Gold, plan(PlanMode.INCREMENTAL, 1L, 5L), 1)).isNotEqualTo(base);
    assertThat(ChildNames.stage("nightly", Stage.Silver, plan(PlanMode.INCREMENTAL, 1L, 5L), 2)).endsWith("-2");
  }

  @Test
  void stageNameIsWhatItWasWhenPlansWereText() {
    // an upgraded operator must find the applications the previous one created for running stages
    StagePlan backfill = plan(PlanMode.FULL, null, 9L);
    backfill.dateRange = DateRangeSpec.of("2026-11-01", "2026-11-03");
    assertThat(ChildNames.stage("nightly", Stage.Silver, backfill, 1)).isEqualTo("nightly-silver-c87a7792-1");
  }

  @Test
  void longNamesAreTruncatedWithAHashAndStayValid() {
    String longName = "a".repeat(60);
    String other = "a".repeat(59) + "b";
    String name = ChildNames.stage(longName, Stage.Gold, plan(PlanMode.FULL, null, 9L), 3);
    assertThat(name.length()).isLessThanOrEqualTo(ChildNames.MAX_LENGTH);
    assertThat(name).matches(Patterns.OBJECT_NAME);
    assertThat(ChildNames.streaming(longName)).isNotEqualTo(ChildNames.streaming(other));
    assertThat(ChildNames.streaming(longName).length()).isLessThanOrEqualTo(ChildNames.MAX_LENGTH);
  }

  @Test
  void namesStartWithALetter() {
    assertThat(ChildNames.streaming("2026-backfill")).isEqualTo("uf-2026-backfill-bronze");
  }

  @Test
  void maintenanceHasNoPlanSoItsNameIsTheReprocessAndTheAttempt() {
    assertThat(ChildNames.stage("nightly", Stage.Maintenance, null, 2)).isEqualTo("nightly-maintenance-2");
    assertThat(ChildNames.stage("x".repeat(60), Stage.Maintenance, null, 1)).hasSizeLessThanOrEqualTo(
        ChildNames.MAX_LENGTH).endsWith("-maintenance-1");
  }
}
