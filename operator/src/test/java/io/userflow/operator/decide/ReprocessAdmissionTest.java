package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.RecoveryUnitKind;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.spark.AppState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admission, the queue, a resume from Failed, and a pipeline deleted under a run ({@link ReprocessAdmission}). */
class ReprocessAdmissionTest extends ReprocessSteps {
  @Test
  void invalidSpecFailsWithoutChildrenAndSaysToCreateANewOne() {
    rp.getSpec().range = DateRangeSpec.of("2026-11-09", "2026-11-01");
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("InvalidSpec");
    assertThat(s.failure.stage).isNull();
    assertThat(s.failure.message).contains("before it starts");
    assertThat(last.create()).isEmpty();
    assertThat(reasons()).containsExactly(EventReason.InvalidSpec);
    assertThat(s.failure.nextStep).as("the spec is immutable, so the way out is a new Reprocess")
        .contains("delete this Reprocess and create a new one");
  }

  @Test
  void unknownPipelineFails() {
    fp = null;
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("PipelineNotFound");
    assertThat(s.failure.nextStep).contains("Create FeaturePipeline clicks");
  }

  @Test
  void aPipelineTheOperatorDoesNotAllowFails() {
    fp.getSpec().streaming.image = "docker.io/attacker/jobs:1";
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("PipelineInvalid");
  }

  @Test
  void aPipelineEditedToARefusedSpecMidRunStartsNoFurtherChild() {
    reconcile(true);
    assertThat(rp.getStatus().phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(last.create()).as("recorded, created by the next step").isEmpty();
    fp.getSpec().streaming.serviceAccount = Fixtures.OPERATOR_SERVICE_ACCOUNT;
    ReprocessStatus s = reconcile(true).status();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("PipelineInvalid");
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(last.create()).isEmpty();
  }

  @Test
  void invalidPipelineFails() {
    fp.getSpec().tables.bronze = "bronze; drop";
    assertThat(step().failure.reason).isEqualTo("PipelineInvalid");
  }

  @Test
  void queuedBehindAnActiveRunThenStarts() {
    blocker = "earlier";
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Queued);
    assertThat(s.queuedBehind).isEqualTo("earlier");
    assertThat(s.silver).isNull();
    assertThat(reasons()).containsExactly(EventReason.Queued);
    step();
    assertThat(last.events()).as("no repeated Queued event").isEmpty();
    blocker = null;
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(s.queuedBehind).isNull();
  }

  @Test
  void retryAnnotationResumesFromTheFailedStageOnce() {
    rp.getSpec().retryLimit = 0;
    finish(step().silver.application, AppState.FAILED, "boom");
    assertThat(step().phase).isEqualTo(ReprocessPhase.Failed);
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.RETRY_ANNOTATION, "1"));
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(s.silver.attempt).isEqualTo(2);
    assertThat(s.failure).isNull();
    assertThat(reasons()).containsExactly(EventReason.Resumed, EventReason.StageSubmitted);
    finish(s.silver.application, AppState.FAILED, "boom again");
    assertThat(step().phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(step().phase).as("the same token does not resume twice").isEqualTo(ReprocessPhase.Failed);
  }

  @Test
  void pipelineDeletedMidRunStopsTheRunningApplicationAndFailsNamingTheStage() {
    String silverApp = step().silver.application;
    finish(silverApp, AppState.RUNNING, null);
    step();
    fp = null;
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(last.delete()).as("the running Silver application is stopped").containsExactly(silverApp);
    assertThat(s.failure.reason).isEqualTo("PipelineNotFound");
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(s.failure.message).contains("was deleted while the Reprocess was RunningSilver",
        "SparkApplication " + silverApp + " was deleted to stop it");
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.SourceSnapshots);
    assertThat(s.failure.recoveryUnit.sourceSnapshots).isEqualTo("2..3");
    assertThat(Conditions.find(s.conditions, Conditions.FAILED).get().reason).isEqualTo("PipelineNotFound");
    assertThat(step().phase).as("stays failed").isEqualTo(ReprocessPhase.Failed);
    assertThat(last.delete()).as("deleted once").isEmpty();
  }

  @Test
  void pipelineDeletedAfterTheRunFinishedDeletesNothing() {
    String silverApp = step().silver.application;
    finish(silverApp, AppState.FAILED, "boom");
    rp.getSpec().retryLimit = 0;
    fp = null;
    assertThat(step().failure.reason).isEqualTo("PipelineNotFound");
    assertThat(last.delete()).isEmpty();
  }
}
