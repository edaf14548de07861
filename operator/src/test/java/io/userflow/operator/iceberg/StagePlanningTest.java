package io.userflow.operator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.decide.PlanStatuses;
import org.junit.jupiter.api.Test;

class StagePlanningTest {
  private final FeaturePipelineSpec pipeline = Fixtures.pipeline("clicks").getSpec();
  private final ReprocessSpec reprocess = Fixtures.reprocess("r", "clicks").getSpec();
  private final SourceHistory bronze = new TableHistory("events.bronze_events").append(1, 100).append(2, 100)
      .append(3, 10).build();

  @Test
  void silverIsIncrementalAfterAppends() {
    SourceHistory silver = new TableHistory("events.silver_events").lineage(20, 2, "v1", null).build();
    RunPlan plan = StagePlanning.silver(bronze, silver, TableStagePlans.request(reprocess, pipeline));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.fromSnapshotExclusive()).isEqualTo(2L);
    assertThat(plan.toSnapshotInclusive()).isEqualTo(3L);
    assertThat(plan.records()).isEqualTo(10);
  }

  @Test
  void transformVersionChangeForcesFull() {
    SourceHistory silver = new TableHistory("events.silver_events").lineage(20, 2, "v0", null).build();
    RunPlan plan = StagePlanning.silver(bronze, silver, TableStagePlans.request(reprocess, pipeline));
    assertThat(plan.reason()).isEqualTo(PlanReason.TRANSFORM_VERSION_CHANGED);
  }

  @Test
  void requestCarriesModeShareAndRange() {
    reprocess.mode = ReprocessMode.Full;
    reprocess.range = DateRangeSpec.of("2026-11-01", "2026-11-02");
    pipeline.batch.fullRebuildShare = 0.3;
    PlanRequest request = TableStagePlans.request(reprocess, pipeline);
    assertThat(request.requested().name()).isEqualTo("FULL");
    assertThat(request.fullRebuildShare()).isEqualTo(0.3);
    assertThat(request.range().days()).hasSize(2);
    assertThat(request.transformVersion()).isEqualTo("v1");
  }

  @Test
  void incrementalGoldKnowsItsPartitionsFromSilverLineage() {
    SourceHistory silver = new TableHistory("events.silver_events").lineage(20, 1, "v1", "2026-11-01")
        .lineage(21, 2, "v1", "2026-11-02,2026-11-03").lineage(22, 3, "v1", "2026-11-03").build();
    SourceHistory gold = new TableHistory("events.user_daily_features").lineage(30, 20, "v1", null).build();
    reprocess.mode = ReprocessMode.Incremental;
    RunPlan plan = StagePlanning.gold(silver, gold, TableStagePlans.request(reprocess, pipeline));
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    StagePlan status = PlanStatuses.of(plan);
    assertThat(status.partitions.goldDailyDates).isEqualTo("2026-11-02..2026-11-03");
    assertThat(status.partitions.goldRollingDates).isEqualTo("2026-11-02..2026-11-09");
    assertThat(status.snapshotRange).isEqualTo("20..22");
  }

  @Test
  void planStatusShowsEstimatesAndRange() {
    reprocess.range = DateRangeSpec.of("2026-11-01", "2026-11-03");
    SourceHistory silver = new TableHistory("events.silver_events").lineage(20, 3, "v1", null).build();
    RunPlan plan = StagePlanning.silver(bronze, silver, TableStagePlans.request(reprocess, pipeline));
    StagePlan s = PlanStatuses.of(plan);
    assertThat(s.mode).isEqualTo(PlanMode.FULL);
    assertThat(s.reason).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
    assertThat(s.dateRange.from).isEqualTo("2026-11-01");
    assertThat(s.dateRange.to).isEqualTo("2026-11-03");
    assertThat(s.partitions.silverDates).isEqualTo("2026-11-01..2026-11-03");
    assertThat(s.estimatedRecords).isEqualTo(210);
    assertThat(s.estimatedFiles).isEqualTo(3);
    assertThat(s.snapshotCount).isEqualTo(3);
  }

  @Test
  void everyReprocessModeIsThePlannersRequestOfTheSameName() {
    for (ReprocessMode mode : ReprocessMode.values()) {
      assertThat(mode.requested().name()).isEqualToIgnoringCase(mode.name());
    }
  }
}
