package io.userflow.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.userflow.core.planner.PlanMode;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.Approval;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.RecoveryUnitKind;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.spark.AppState;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReprocessReconcilerTest extends MockApiServerTest {
  @BeforeEach
  void tablesAndPipeline() {
    harness.tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).build());
    harness.tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
    harness.tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
    client.resource(Fixtures.pipeline("clicks")).create();
  }

  private ReprocessStatus awaitStatus(String name, Predicate<ReprocessStatus> condition) {
    return awaitStatus(Reprocess.class, name, condition);
  }

  private Reprocess get(String name) {
    return get(Reprocess.class, name);
  }

  private long stageApps(String reprocess) {
    return harness.applications().stream()
        .filter(a -> reprocess.equals(a.getMetadata().getLabels().get(ApiGroup.REPROCESS_LABEL))).count();
  }

  @Test
  void runsSilverThenGoldAsTheSparkOperatorReportsProgress() {
    client.resource(Fixtures.reprocess("nightly", "clicks")).create();
    ReprocessStatus s= awaitStatus("nightly", st -> st.phase == ReprocessPhase.RunningSilver);
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(s.silver.application).startsWith("nightly-silver-");
    harness.setState(s.silver.application, AppState.RUNNING, null);
    awaitStatus("nightly", st -> st.silver.state == AppState.RUNNING);
    harness.tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .lineage(21, 3, "v1", "2026-11-02").build());
    harness.setState(s.silver.application, AppState.COMPLETED, null);
    s= awaitStatus("nightly", st -> st.phase == ReprocessPhase.RunningGold);
    assertThat(s.gold.application).startsWith("nightly-gold-");
    harness.setState(s.gold.application, AppState.COMPLETED, null);
    s= awaitStatus("nightly", st -> st.phase == ReprocessPhase.Succeeded);
    assertThat(Conditions.isTrue(s.conditions, Conditions.SUCCEEDED)).isTrue();
    assertThat(stageApps("nightly")).isEqualTo(2);
    assertThat(harness.eventReasons("nightly")).contains("Planned", "StageSubmitted", "StageCompleted", "Succeeded");
    assertThat(harness.registry.find("userflow.plans").tag("mode", "INCREMENTAL").counter()).isNotNull();
  }

  @Test
  void deletingThePipelineStopsItsRunningReprocessNotAnother() {
    client.resource(Fixtures.pipeline("views")).create();
    client.resource(Fixtures.reprocess("nightly", "clicks")).create();
    client.resource(Fixtures.reprocess("other", "views")).create();
    awaitStatus("nightly", st -> st.phase == ReprocessPhase.RunningSilver);
    awaitStatus("other", st -> st.phase == ReprocessPhase.RunningSilver);
    // nothing else changes: no Spark state, and the queue re-check is minutes away
    await().until(() -> stageApps("nightly") == 1 && stageApps("other") == 1);
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").delete();
    ReprocessStatus s = awaitStatus("nightly", st -> st.phase == ReprocessPhase.Failed);
    assertThat(Conditions.find(s.conditions, Conditions.FAILED).get().reason).isEqualTo("PipelineNotFound");
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.SourceSnapshots);
    await().until(() -> stageApps("nightly") == 0);
    assertThat(get("other").getStatus().phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(stageApps("other")).as("the other pipeline's run is untouched").isEqualTo(1);
  }

  @Test
  void aRestartedOperatorAdoptsTheRunningApplicationInsteadOfCreatingAnother() {
    client.resource(Fixtures.reprocess("nightly", "clicks")).create();
    ReprocessStatus s= awaitStatus("nightly", st -> st.phase == ReprocessPhase.RunningSilver);
    await().until(() -> stageApps("nightly") == 1);
    harness.restart();
    harness.setState(s.silver.application, AppState.RUNNING, null);
    awaitStatus("nightly", st -> st.silver.state == AppState.RUNNING);
    harness.restart();
    harness.setState(s.silver.application, AppState.FAILED, "node lost");
    s= awaitStatus("nightly", st -> st.silver.attempt == 2);
    assertThat(stageApps("nightly")).isEqualTo(2);
    harness.restart();
    await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    assertThat(stageApps("nightly")).as("no duplicate after restart").isEqualTo(2);
    assertThat(get("nightly").getStatus().silver.application).isEqualTo(s.silver.application);
  }

  @Test
  void failureNamesTheStageAndRecoveryUnitAndTheRetryAnnotationResumes() {
    Reprocess rp = Fixtures.reprocess("backfill", "clicks");
    rp.getSpec().retryLimit = 0;
    rp.getSpec().range = DateRangeSpec.of("2026-11-01", "2026-11-03");
    client.resource(rp).create();
    ReprocessStatus s= awaitStatus("backfill", st -> st.phase == ReprocessPhase.RunningSilver);
    harness.setState(s.silver.application, AppState.FAILED, "reject ratio 0.31 above 0.05");
    s= awaitStatus("backfill", st -> st.phase == ReprocessPhase.Failed);
    assertThat(Conditions.isTrue(s.conditions, Conditions.FAILED)).isTrue();
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.SessionPartitions);
    assertThat(s.failure.recoveryUnit.sessionDates).isEqualTo("2026-11-01..2026-11-03");
    assertThat(s.failure.nextStep).contains("kubectl annotate reprocess backfill userflow.io/retry=");
    assertThat(harness.eventReasons("backfill")).contains("StageFailed");
    client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("backfill").edit(r -> {
      r.getMetadata().setAnnotations(Map.of(ApiGroup.RETRY_ANNOTATION, "1"));
      return r;
    });
    s= awaitStatus("backfill", st -> st.phase == ReprocessPhase.RunningSilver && st.silver.attempt == 2);
    await().until(() -> stageApps("backfill") == 2);
  }

  @Test
  void aSecondReprocessOfTheSamePipelineQueuesUntilTheFirstFinishes() {
    client.resource(Fixtures.reprocess("first", "clicks")).create();
    ReprocessStatus first= awaitStatus("first", st -> st.phase == ReprocessPhase.RunningSilver);
    Reprocess second = Fixtures.reprocess("second", "clicks");
    second.getMetadata().setCreationTimestamp(null);
    client.resource(second).create();
    ReprocessStatus s= awaitStatus("second", st -> st.phase == ReprocessPhase.Queued);
    assertThat(s.queuedBehind).isEqualTo("first");
    assertThat(stageApps("second")).isZero();
    harness.tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .lineage(21, 3, "v1", "2026-11-02").build());
    harness.setState(first.silver.application, AppState.COMPLETED, null);
    ReprocessStatus firstGold= awaitStatus("first", st -> st.phase == ReprocessPhase.RunningGold);
    harness.tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null)
        .lineage(31, 21, "v1", null).build());
    harness.setState(firstGold.gold.application, AppState.COMPLETED, null);
    awaitStatus("first", st -> st.phase == ReprocessPhase.Succeeded);
    s= awaitStatus("second", st -> st.phase.isTerminal() || st.phase.isActive());
    assertThat(s.queuedBehind).isNull();
    assertThat(s.phase).as("nothing new after the first run").isEqualTo(ReprocessPhase.Skipped);
  }

  @Test
  void aReprocessAppliedBeforeBronzesFirstCommitWaitsForItThenRuns() {
    harness.tables.clear();
    client.resource(Fixtures.reprocess("early", "clicks")).create();
    ReprocessStatus s = awaitStatus("early", st -> st.phase == ReprocessPhase.WaitingForBronze);
    assertThat(Conditions.find(s.conditions, Conditions.SUCCEEDED).get().status).isEqualTo("False");
    assertThat(stageApps("early")).isZero();
    assertThat(harness.eventReasons("early")).contains("WaitingForBronze").doesNotContain("Skipped");
    // no event announces an Iceberg commit: the timed re-check (bronzeRecheck) finds it
    harness.tables.put(new TableHistory("events.bronze_events").append(1, 100).build());
    s = awaitStatus("early", st -> st.phase == ReprocessPhase.RunningSilver);
    assertThat(s.silver.application).startsWith("early-silver-");
    assertThat(stageApps("early")).isEqualTo(1);
  }

  @Test
  void badReprocessesFailWithAClearConditionNeverACrash() {
    Reprocess conflicting = Fixtures.reprocess("conflicting", "clicks");
    conflicting.getSpec().range = DateRangeSpec.of("2026-11-09", "2026-11-01");
    client.resource(conflicting).create();
    client.resource(Fixtures.reprocess("orphan", "no-such-pipeline")).create();
    ReprocessStatus s= awaitStatus("conflicting", st -> st.phase == ReprocessPhase.Failed);
    assertThat(Conditions.find(s.conditions, Conditions.FAILED).get().reason).isEqualTo("InvalidSpec");
    s= awaitStatus("orphan", st -> st.phase == ReprocessPhase.Failed);
    assertThat(Conditions.find(s.conditions, Conditions.FAILED).get().reason).isEqualTo("PipelineNotFound");
    assertThat(harness.applications()).noneMatch(a -> a.getMetadata().getLabels().containsKey(ApiGroup.REPROCESS_LABEL));
    await().until(() -> harness.eventReasons("orphan").contains("PipelineNotFound"));
  }

  @Test
  void finishedReprocessesAreKeptToThePipelinesHistoryLimit() {
    // again on a conflict with the operator's own status writes
    await().ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
      client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(fp -> {
        fp.getSpec().reprocessHistory.successfulLimit = 1;
        return fp;
      });
      return true;
    });
    // nothing new: every Reprocess is Skipped as soon as it is planned
    harness.tables.put(new TableHistory("events.silver_events").lineage(20, 3, "v1", "2026-11-01").build());
    harness.tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
    for (String name : java.util.List.of("first", "second", "third")) {
      Reprocess rp = Fixtures.reprocess(name, "clicks");
      rp.getMetadata().setCreationTimestamp("2026-11-25T09:0" + name.length() + ":00Z");
      client.resource(rp).create();
      awaitStatus(name, st -> st.phase == ReprocessPhase.Skipped);
    }
    await().until(() -> get("first") == null && get("second") == null);
    assertThat(get("third").getStatus().phase).as("the newest finished one is kept").isEqualTo(ReprocessPhase.Skipped);
  }

  @Test
  void manualApprovalWaitsForAReprocessApproval() {
    Reprocess rp = Fixtures.reprocess("careful", "clicks");
    rp.getSpec().approval = Approval.Manual;
    client.resource(rp).create();
    ReprocessStatus s= awaitStatus("careful", st -> st.phase == ReprocessPhase.AwaitingApproval);
    assertThat(s.silver.plan.estimatedRecords).isEqualTo(10);
    assertThat(stageApps("careful")).isZero();
    client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("careful").edit(r -> {
      r.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, s.planHash));
      return r;
    });
    awaitStatus("careful", st -> Conditions.find(st.conditions, Conditions.APPROVED)
        .filter(c -> "AnnotationNotHonoured".equals(c.reason)).isPresent());
    assertThat(stageApps("careful")).as("the annotation approves nothing").isZero();
    client.resource(Fixtures.approval("careful-ok", "careful", s.planHash)).create();
    awaitStatus("careful", st -> st.phase == ReprocessPhase.RunningSilver);
    await().until(() -> stageApps("careful") == 1);
  }
}
