package io.userflow.operator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.features.DefinitionChange;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
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
  void aChangedDeclaredGroupIsPlannedAloneWithWhatChanged() {
    pipeline.features = Fixtures.features(Fixtures.FEATURES);
    var declared = Layouts.declared(pipeline);
    // Gold is up to date with Silver; shopper_daily was written by today's definition, shopper_30d by a 7-day one
    SourceHistory upToDate = new TableHistory("events.user_rolling_7d_features").lineage(40, 21, "v1", null).build();
    SourceHistory shoppers = new TableHistory("events.shopper_daily").commit(50, "append", 5, java.util.Map.of(
        LineageKeys.DEFINITION_HASH, declared.hash(declared.group("shopper_daily")),
        LineageKeys.DEFINITION, declared.group("shopper_daily").definition())).build();
    String old = declared.group("shopper_30d").definition().replace("30", "7");
    SourceHistory window = new TableHistory("events.shopper_30d").commit(60, "append", 5, java.util.Map.of(
        LineageKeys.DEFINITION_HASH, "0ld", LineageKeys.DEFINITION, old)).build();
    FakeTableMetadataService tables = new FakeTableMetadataService().put(silver).put(daily).put(upToDate)
        .put(shoppers).put(window);
    TableStagePlans plans = new TableStagePlans(tables, () -> new CatalogSettings("userflow", "jdbc:sqlite::memory:",
        "/tmp/w", null, null, null), pipeline, Fixtures.reprocess("r", "clicks").getSpec());
    var plan = plans.plan(Stage.Gold);
    assertThat(plan.reason()).isEqualTo(PlanReason.DEFINITION_CHANGED);
    assertThat(plan.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(plan.rebuilds()).singleElement().satisfies(c -> {
      assertThat(c.table()).isEqualTo("shopper_30d");
      assertThat(c.detail()).isEqualTo("days 7 -> 30");
    });
    assertThat(io.userflow.operator.decide.PlanStatuses.of(plan).rebuilds)
        .containsExactly("table shopper_30d (changed: days 7 -> 30)");

    tables.put(TableHistory.empty("events.shopper_30d"));
    assertThat(plans.plan(Stage.Gold).rebuilds()).singleElement()
        .satisfies(c -> assertThat(c.kind()).isEqualTo(DefinitionChange.Kind.NEW));
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
