package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.JobMains;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.planner.PlanMode;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.RecoveryUnitKind;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Maintenance stage in the Reprocess state machine: it runs after the data stages, with no plan of its own. */
class ReprocessMaintenanceTest extends ReprocessSteps {
  @BeforeEach
  void listMaintenanceFirst() {
    rp.getSpec().stages = new ArrayList<>(List.of(Stage.Maintenance, Stage.Gold, Stage.Silver));
  }

  private void finish(String app, AppState state) {
    finish(app, state, state.isFailed() ? "boom" : null);
  }

  @Test
  void runsAfterGoldWhateverOrderTheSpecListsAndThenTheReprocessSucceeds() {
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(Conditions.find(s.conditions, Conditions.PLANNED).get().message)
        .contains("Maintenance: runs after the data stages (it has no plan).");
    assertThat(last.plans()).as("only the data stages are planned").hasSize(2);
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .lineage(21, 3, "v1", "2026-11-02").build());
    finish(s.silver.application, AppState.COMPLETED);
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningGold);
    finish(s.gold.application, AppState.COMPLETED);
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningMaintenance);
    assertThat(s.maintenance.plan).isNull();
    assertThat(s.maintenance.application).isEqualTo("nightly-maintenance-1");
    assertThat(Conditions.find(s.conditions, Conditions.PROGRESSING).get().message)
        .isEqualTo("Running Maintenance: nightly-maintenance-1.");
    SparkApplication app = apps.get(s.maintenance.application);
    assertThat(app.getSpec().mainClass).isEqualTo(JobMains.MAINTENANCE);
    assertThat(app.getSpec().arguments).contains(JobOptions.RUN_ID, "nightly-maintenance-1", JobOptions.GOLD_ROLLING_TABLE)
        .doesNotContain(JobOptions.MODE, JobOptions.TRANSFORM_VERSION);
    assertThat(app.getMetadata().getLabels()).containsEntry(ApiGroup.STAGE_LABEL, "maintenance");
    finish(s.maintenance.application, AppState.COMPLETED);
    assertThat(step().phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(last.create()).isEmpty();
  }

  @Test
  void runsEvenWhenEveryDataStageIsNoop() {
    tables.put(new TableHistory("events.silver_events").lineage(20, 3, "v1", "2026-11-01").build());
    ReprocessStatus s = step();
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.NOOP);
    assertThat(s.gold.plan.mode).isEqualTo(PlanMode.NOOP);
    assertThat(s.phase).as("not Skipped: maintenance is due whatever the data stages plan")
        .isEqualTo(ReprocessPhase.RunningMaintenance);
    assertThat(s.mode).isEqualTo(PlanMode.NOOP);
  }

  @Test
  void aMaintenanceOnlyReprocessAsksForNoPlan() {
    rp.getSpec().stages = new ArrayList<>(List.of(Stage.Maintenance));
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningMaintenance);
    assertThat(last.plans()).isEmpty();
    assertThat(s.mode).isNull();
    assertThat(s.silver).isNull();
    assertThat(Conditions.find(s.conditions, Conditions.PLANNED).get().reason).isEqualTo("MaintenanceOnly");
  }

  @Test
  void aFailedMaintenanceIsRetriedThenFailsWithItselfAsRecoveryUnitAndResumes() {
    rp.getSpec().stages = new ArrayList<>(List.of(Stage.Maintenance));
    rp.getSpec().retryLimit = 1;
    finish(step().maintenance.application, AppState.FAILED);
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningMaintenance);
    assertThat(s.maintenance.application).isEqualTo("nightly-maintenance-2");
    finish(s.maintenance.application, AppState.FAILED);
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.stage).isEqualTo(Stage.Maintenance);
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.Maintenance);
    assertThat(s.failure.recoveryUnit.description).contains("safe");
    assertThat(s.failure.nextStep).contains("resume from the Maintenance stage");

    rp.getMetadata().setAnnotations(Map.of(ApiGroup.RETRY_ANNOTATION, "1"));
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningMaintenance);
    assertThat(s.maintenance.application).isEqualTo("nightly-maintenance-3");
    assertThat(last.create()).singleElement().satisfies(a -> assertThat(a.getSpec().mainClass)
        .isEqualTo(JobMains.MAINTENANCE));
  }
  @Test
  void onlyARemovedGroupsTableMayBeDroppedAndTheJobIsToldWhich() {
    fp.getSpec().features = io.userflow.operator.Fixtures.features(io.userflow.operator.Fixtures.FEATURES);
    rp.getSpec().stages = new ArrayList<>(List.of(Stage.Maintenance));
    tables.put(new TableHistory("events.product_daily")
        .commit(60, "overwrite", 10, Map.of(io.userflow.core.lineage.LineageKeys.DEFINITION_HASH, "h")).build());
    tables.put(new TableHistory("events.exports").commit(70, "append", 10, Map.of()).build());

    rp.getSpec().dropTables = new ArrayList<>(List.of("shopper_30d", "silver_events", "exports"));
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("InvalidSpec");
    assertThat(s.failure.message).contains("spec.dropTables: shopper_30d is the table of a feature group the pipeline still "
        + "declares", "spec.dropTables: silver_events is one of the pipeline's own tables",
        "spec.dropTables: exports was not written by a feature group");
    assertThat(apps).isEmpty();

    rp = io.userflow.operator.Fixtures.reprocess("drop", "clicks");
    rp.getSpec().stages = new ArrayList<>(List.of(Stage.Silver, Stage.Gold));
    rp.getSpec().dropTables = new ArrayList<>(List.of("product_daily"));
    assertThat(step().failure.message).contains("spec.dropTables needs the Maintenance stage in spec.stages");

    rp = io.userflow.operator.Fixtures.reprocess("drop2", "clicks");
    rp.getSpec().stages = new ArrayList<>(List.of(Stage.Maintenance));
    rp.getSpec().dropTables = new ArrayList<>(List.of("product_daily", "never_written"));
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningMaintenance);
    SparkApplication app = apps.get(s.maintenance.application);
    assertThat(app.getSpec().arguments).containsSubsequence(JobOptions.DROP_TABLES, "product_daily,never_written")
        .contains(JobOptions.FEATURE_GROUPS);
  }
}
