package io.userflow.operator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.SourceHistory;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.decide.PipelineLayers;
import org.junit.jupiter.api.Test;

/**
 * Gold's lineage is the rolling table's, as the Gold job plans (core's TableLayout.goldLineageTable): a run that
 * died after the daily commit and before the rolling one is planned again, and shows as lag.
 */
class TableStagePlansTest {
  private final FeaturePipelineSpec pipeline = Fixtures.pipeline("clicks").getSpec();
  private final SourceHistory silver = new TableHistory("events.silver_events").lineage(20, 1, "v1", "2026-11-01")
      .lineage(21, 2, "v1", "2026-11-02").build();
  /** The daily table got the run up to Silver 21; the rolling table still says 20: the job died in between. */
  private final SourceHistory daily = new TableHistory("events.user_daily_features").lineage(30, 20, "v1", null)
      .lineage(31, 21, "v1", null).build();
  private final SourceHistory rolling = new TableHistory("events.user_rolling_7d_features")
      .lineage(40, 20, "v1", null).build();

  @Test
  void aCrashBetweenTheTwoGoldCommitsIsPlannedAgainNotSkipped() {
    FakeTableMetadataService tables = new FakeTableMetadataService().put(silver).put(daily).put(rolling);
    TableStagePlans plans = new TableStagePlans(tables, () -> new CatalogSettings("userflow", "jdbc:sqlite::memory:",
        "/tmp/w", null, null, null), pipeline, Fixtures.reprocess("r", "clicks").getSpec());
    var plan = plans.plan(Stage.Gold);
    assertThat(plan.mode()).isNotEqualTo(PlanMode.NOOP);
    assertThat(plan.fromSnapshotExclusive()).isEqualTo(20L);
    assertThat(plan.toSnapshotInclusive()).isEqualTo(21L);
    assertThat(plans.lineage(Stage.Gold).lastProcessedSourceSnapshotId()).isEqualTo(20L);
  }

  @Test
  void goldLagCountsFromTheRollingTable() {
    FeaturePipelineStatus status = new FeaturePipelineStatus();
    PipelineLayers.apply(status, PipelineLayers.Histories.of(Layouts.of(pipeline),
        TableHistory.empty("events.bronze_events"), silver, TableHistory.empty("events.silver_rejects"), daily,
        rolling));
    assertThat(status.goldLagSnapshots).isEqualTo(1);
  }

  @Test
  void maintenanceHasNoPlanAndNoLineageToAskFor() {
    TableStagePlans plans = new TableStagePlans(new FakeTableMetadataService(), () -> {
      throw new AssertionError("no table is read");
    }, pipeline, Fixtures.reprocess("r", "clicks").getSpec());
    assertThatThrownBy(() -> plans.plan(Stage.Maintenance)).hasMessageContaining("Maintenance has no plan");
    assertThatThrownBy(() -> plans.lineage(Stage.Maintenance)).hasMessageContaining("Maintenance has no plan");
  }

  @Test
  void aCompactionOfSilverIsNoGoldLag() {
    SourceHistory compacted = new TableHistory("events.silver_events").lineage(20, 1, "v1", "2026-11-01")
        .commit(21, "replace", 10, java.util.Map.of()).build();
    FeaturePipelineStatus status = new FeaturePipelineStatus();
    PipelineLayers.apply(status, PipelineLayers.Histories.of(Layouts.of(pipeline),
        TableHistory.empty("events.bronze_events"), compacted, TableHistory.empty("events.silver_rejects"),
        TableHistory.empty("events.user_daily_features"), new TableHistory("events.user_rolling_7d_features")
            .lineage(40, 20, "v1", null).build()));
    assertThat(status.goldLagSnapshots).isZero();
  }
}
