package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.Condition;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.secrets.SecretAccess;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineProgressTest {
  private final FeaturePipeline fp = Fixtures.pipeline("clicks");
  private PipelineProgress.Step last;

  private FeaturePipelineStatus step(SparkApplication current) {
    last = PipelineProgress.next(new PipelineProgress.Inputs(fp, current, Fixtures.allowLists(), Fixtures.NOW));
    fp.setStatus(Serialization.unmarshal(Serialization.asJson(last.status()), FeaturePipelineStatus.class));
    return fp.getStatus();
  }

  private static SparkApplication app(FeaturePipeline fp, AppState state, Integer attempts) {
    SparkApplication app = SparkApplicationFactory.streaming(fp);
    app.setStatus(new SparkApplicationStatus());
    app.getStatus().applicationState = ApplicationState.of(state, state == AppState.FAILED ? "driver OOM" : null);
    app.getStatus().executionAttempts = attempts;
    return app;
  }

  private List<EventReason> reasons() {
    return last.events().stream().map(EventNote::reason).toList();
  }

  @Test
  void firstReconcileSubmitsTheStreamingApplication() {
    FeaturePipelineStatus s = step(null);
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).isTrue();
    assertThat(s.streaming.application).isEqualTo("clicks-bronze");
    assertThat(s.streaming.specHash).isEqualTo(SparkApplicationFactory.specHash(
        SparkApplicationFactory.streaming(fp).getSpec()));
    assertThat(s.phase).isEqualTo(PipelinePhase.Starting);
    assertThat(s.streaming.checkpointLocation).isEqualTo("s3a://checkpoints/userflow/bronze");
    assertThat(reasons()).containsExactly(EventReason.StreamingSubmitted);
    assertThat(Conditions.isTrue(s.conditions, Conditions.READY)).isFalse();
  }

  @Test
  void runningApplicationMakesThePipelineReady() {
    step(null);
    FeaturePipelineStatus s = step(app(fp, AppState.RUNNING, 3));
    assertThat(s.phase).isEqualTo(PipelinePhase.Running);
    assertThat(s.streaming.restarts).isEqualTo(2);
    assertThat(s.streaming.state).isEqualTo("RUNNING");
    assertThat(Conditions.isTrue(s.conditions, Conditions.READY)).isTrue();
    assertThat(Conditions.isTrue(s.conditions, Conditions.STREAMING_RUNNING)).isTrue();
    assertThat(Conditions.isTrue(s.conditions, Conditions.DEGRADED)).isFalse();
    assertThat(reasons()).containsExactly(EventReason.StreamingRunning);
    step(app(fp, AppState.RUNNING, 3));
    assertThat(last.events()).isEmpty();
  }

  @Test
  void failedApplicationDegradesOnce() {
    FeaturePipelineStatus s = step(app(fp, AppState.FAILED, 1));
    assertThat(s.phase).isEqualTo(PipelinePhase.Degraded);
    assertThat(Conditions.find(s.conditions, Conditions.DEGRADED).get().message).contains("driver OOM");
    assertThat(reasons()).containsExactly(EventReason.StreamingFailed);
    step(app(fp, AppState.FAILED, 1));
    assertThat(last.events()).isEmpty();
  }

  /** The pipeline's streaming application submitted (a first step without one) and then running. */
  private SparkApplication submittedAndRunning() {
    SparkApplication running = app(fp, AppState.RUNNING, 1);
    step(null);
    step(running);
    return running;
  }

  @Test
  void specChangeResubmitsOnTheSameCheckpoint() {
    SparkApplication running = submittedAndRunning();
    String submitted = fp.getStatus().streaming.specHash;
    fp.getSpec().streaming.image = "ghcr.io/userflow/jobs:0.2.0";
    FeaturePipelineStatus s = step(running);
    assertThat(reasons()).containsExactly(EventReason.StreamingResubmitted);
    assertThat(s.phase).as("the old state is not the resubmitted one's").isEqualTo(PipelinePhase.Starting);
    assertThat(s.streaming.specHash).isNotEqualTo(submitted);
    step(running);
    assertThat(reasons()).as("resubmitted once, not on every reconcile")
        .doesNotContain(EventReason.StreamingResubmitted);
  }

  @Test
  void aNewCheckpointOrTopicIsRefusedUntilTheMigrationIsConfirmed() {
    SparkApplication running = submittedAndRunning();
    String submitted = fp.getStatus().streaming.specHash;
    fp.getSpec().streaming.checkpointLocation = "s3a://checkpoints/userflow/bronze-v2";
    fp.getSpec().source.topic = "user-events-v2";
    FeaturePipelineStatus s = step(running);
    assertThat(s.phase).isEqualTo(PipelinePhase.Invalid);
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).isTrue();
    assertThat(s.streaming.specHash).as("nothing resubmitted").isEqualTo(submitted);
    assertThat(s.streaming.checkpointLocation).isEqualTo("s3a://checkpoints/userflow/bronze");
    assertThat(Conditions.isTrue(s.conditions, Conditions.STREAMING_RUNNING)).as("still running").isTrue();
    var ready = Conditions.find(s.conditions, Conditions.READY).get();
    assertThat(ready.reason).isEqualTo("ReingestRefused");
    assertThat(ready.message).contains("spec.streaming.checkpointLocation changed from s3a://checkpoints/userflow/"
        + "bronze to s3a://checkpoints/userflow/bronze-v2", "spec.source.topic", "startingOffsets",
        "userflow.io/migrate-checkpoint-location=s3a://checkpoints/userflow/bronze-v2",
        "userflow.io/migrate-topic=user-events-v2");
    assertThat(reasons()).containsExactly(EventReason.ReingestRefused);
    step(running);
    assertThat(reasons()).as("said once").isEmpty();

    fp.getMetadata().setAnnotations(java.util.Map.of(
        "userflow.io/migrate-checkpoint-location", "s3a://checkpoints/userflow/bronze-v2"));
    s = step(running);
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().message).as("the topic is still refused")
        .contains("spec.source.topic").doesNotContain("spec.streaming.checkpointLocation");
    fp.getMetadata().setAnnotations(java.util.Map.of(
        "userflow.io/migrate-checkpoint-location", "s3a://checkpoints/userflow/bronze-v2",
        "userflow.io/migrate-topic", "user-events-v2"));
    s = step(running);
    assertThat(s.phase).isEqualTo(PipelinePhase.Starting);
    assertThat(reasons()).containsExactly(EventReason.StreamingResubmitted);
    assertThat(s.streaming.checkpointLocation).isEqualTo("s3a://checkpoints/userflow/bronze-v2");
    assertThat(s.streaming.topic).isEqualTo("user-events-v2");
  }

  @Test
  void aRefusedEditDoesNotHoldASuspend() {
    step(null);
    step(app(fp, AppState.RUNNING, 1));
    fp.getSpec().streaming.checkpointLocation = "s3a://checkpoints/userflow/bronze-v2";
    fp.getSpec().suspend = true;
    assertThat(step(app(fp, AppState.RUNNING, 1)).phase).isEqualTo(PipelinePhase.Suspended);
    fp.getSpec().suspend = false;
    FeaturePipelineStatus s = step(null);
    assertThat(s.phase).as("resuming on another checkpoint is the same re-ingest").isEqualTo(PipelinePhase.Invalid);
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().reason).isEqualTo("ReingestRefused");
  }

  @Test
  void aDriverThatKeepsRestartingIsDegradedWithTheCountAndItsLastErrorLine() {
    step(null);
    SparkApplication app = app(fp, AppState.RUNNING, 3);
    app.getStatus().applicationState.errorMessage = "driver container failed with ExitCode: 1\n"
        + "ERROR: Bronze query terminated: KafkaException: org.apache.kafka.common.errors.TopicAuthorizationException"
        + "\n\tat org.apache.spark.sql.execution.streaming.MicroBatchExecution.run\n";
    assertThat(step(app).phase).as("two restarts: recovering").isEqualTo(PipelinePhase.Running);
    app.getStatus().executionAttempts = 2;
    app.getStatus().submissionAttempts = 4;
    FeaturePipelineStatus s = step(app);
    assertThat(s.phase).isEqualTo(PipelinePhase.Degraded);
    assertThat(s.streaming.restarts).isEqualTo(3);
    var degraded = Conditions.find(s.conditions, Conditions.DEGRADED).get();
    assertThat(degraded.status).isEqualTo("True");
    assertThat(degraded.reason).isEqualTo("StreamingCrashLoop");
    assertThat(degraded.message).contains("restarted 3 times", "degradedAfterRestarts: 3",
        "last driver error: ERROR: Bronze query terminated: KafkaException");
    assertThat(Conditions.isTrue(s.conditions, Conditions.READY)).as("Ready does not flip back").isFalse();
    assertThat(reasons()).containsExactly(EventReason.StreamingCrashLoop);
    step(app);
    assertThat(reasons()).as("said once").isEmpty();
    app.getStatus().applicationState.errorMessage = null;
    assertThat(Conditions.find(step(app).conditions, Conditions.DEGRADED).get().message)
        .contains("carries no driver error line");
  }

  @Test
  void suspendDeletesAndResumeRecreates() {
    SparkApplication running = app(fp, AppState.RUNNING, 1);
    step(running);
    fp.getSpec().suspend = true;
    FeaturePipelineStatus s = step(running);
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).as("the workflow deletes the application")
        .isFalse();
    assertThat(reasons()).containsExactly(EventReason.StreamingSuspended);
    assertThat(s.phase).isEqualTo(PipelinePhase.Suspended);
    assertThat(s.streaming.state).isEqualTo("Suspended");
    assertThat(Conditions.find(s.conditions, Conditions.STREAMING_RUNNING).get().reason).isEqualTo("Suspended");
    step(null);
    assertThat(last.events()).isEmpty();
    fp.getSpec().suspend = false;
    step(null);
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).isTrue();
    assertThat(reasons()).containsExactly(EventReason.StreamingResumed);
  }

  @Test
  void aSecretRefusalFailsARunningPipelineButNotItsSuspend() {
    SecretAccess.Refusal refused = new SecretAccess.Refusal(EventReason.SecretNotAllowed, "Secret kafka-user is not"
        + " labelled.");
    step(null);
    PipelineProgress.Step running = PipelineProgress.next(new PipelineProgress.Inputs(fp,
        app(fp, AppState.RUNNING, 1), refused, Fixtures.allowLists(), Fixtures.NOW));
    assertThat(running.failure()).contains(refused);

    fp.getSpec().suspend = true;
    last = PipelineProgress.next(new PipelineProgress.Inputs(fp, app(fp, AppState.RUNNING, 1), refused,
        Fixtures.allowLists(), Fixtures.NOW));
    assertThat(last.failure()).isEmpty();
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).as("the workflow deletes the application")
        .isFalse();
    FeaturePipelineStatus s = last.status();
    assertThat(s.phase).isEqualTo(PipelinePhase.Suspended);
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().reason).isEqualTo("SecretNotAllowed");
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().message).contains("Suspended",
        "kafka-user is not labelled");
    assertThat(reasons()).containsExactly(EventReason.StreamingSuspended, EventReason.SecretNotAllowed);
    fp.setStatus(s);
    last = PipelineProgress.next(new PipelineProgress.Inputs(fp, null, refused, Fixtures.allowLists(),
        Fixtures.NOW));
    assertThat(reasons()).as("said once").isEmpty();
  }

  @Test
  void invalidSpecKeepsTheRunningApplicationAndWarnsOnce() {
    SparkApplication running = app(fp, AppState.RUNNING, 1);
    fp.getSpec().tables.bronze = "bronze\"; --";
    FeaturePipelineStatus s = step(running);
    assertThat(s.phase).isEqualTo(PipelinePhase.Invalid);
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().reason).isEqualTo("InvalidSpec");
    assertThat(reasons()).containsExactly(EventReason.InvalidSpec);
    step(running);
    assertThat(last.events()).isEmpty();
  }

  @Test
  void missingSpecSectionsAreInvalidNotACrash() {
    fp.getSpec().streaming = null;
    fp.getSpec().catalog = null;
    FeaturePipelineStatus s = step(null);
    assertThat(s.phase).isEqualTo(PipelinePhase.Invalid);
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).isFalse();
  }

  @Test
  void aSpecTheOperatorDoesNotAllowIsRefusedNamingTheSettingAndTheAllowList() {
    fp.getSpec().streaming.image = "docker.io/attacker/jobs:1";
    FeaturePipelineStatus s = step(null);
    assertThat(PipelineProgress.streamingWanted(fp, Fixtures.allowLists())).isFalse();
    assertThat(s.phase).isEqualTo(PipelinePhase.Invalid);
    Condition ready = Conditions.find(s.conditions, Conditions.READY).orElseThrow();
    assertThat(ready.status).isEqualTo("False");
    assertThat(ready.reason).isEqualTo("NotAllowed");
    assertThat(ready.message).contains("spec.streaming.image docker.io/attacker/jobs:1",
        "allowList.imagePrefixes: [ghcr.io/userflow/]");
    assertThat(last.events()).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo(EventReason.NotAllowed);
      assertThat(e.message()).isEqualTo(ready.message);
    });
    step(null);
    assertThat(reasons()).as("said once").isEmpty();
  }
}
