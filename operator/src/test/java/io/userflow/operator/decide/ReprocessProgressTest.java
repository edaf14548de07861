package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.contract.AuditBranch;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
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
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.iceberg.FakeTableMetadataService;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.iceberg.TableStagePlans;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReprocessProgressTest {
  private final FakeTableMetadataService tables = new FakeTableMetadataService();
  private final CatalogSettings catalog = new CatalogSettings("userflow", "jdbc:sqlite:x", "file:/tmp/w", null, null);
  private FeaturePipeline fp;
  private Reprocess rp;
  private final Map<String, SparkApplication> apps = new HashMap<>();
  private String blocker;
  private ReprocessProgress.Step last;

  @BeforeEach
  void setUp() {
    fp = Fixtures.pipeline("clicks");
    rp = Fixtures.reprocess("nightly", "clicks");
    tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).build());
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
    tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
  }

  /**
   * One event's worth of work as the framework runs it: a reconcile, and when that one only recorded a child (its
   * status patch brings the next reconcile at once) the reconcile that creates it; {@link #last} holds both.
   */
  private ReprocessStatus step() {
    ReprocessProgress.Step first = reconcile(true);
    if (first.recordFirst()) {
      ReprocessProgress.Step second = reconcile(true);
      last = new ReprocessProgress.Step(second.status(), concat(first.create(), second.create()),
          concat(first.events(), second.events()), concat(first.plans(), second.plans()),
          concat(first.delete(), second.delete()), second.recordFirst());
    }
    return rp.getStatus();
  }

  /** One reconcile; {@code stored}: its status patch reached the API server (false: the operator died first). */
  private ReprocessProgress.Step reconcile(boolean stored) {
    last = ReprocessProgress.next(new ReprocessProgress.Inputs(rp, fp, blocker, apps,
        fp == null ? null : new TableStagePlans(tables, () -> catalog, fp.getSpec(), rp.getSpec()), Fixtures.NOW));
    last.create().forEach(app -> apps.put(app.getMetadata().getName(), app));
    if (stored) {
      // what the API server stores: the status survives a JSON round trip (operator restart)
      rp.setStatus(Serialization.unmarshal(Serialization.asJson(last.status()), ReprocessStatus.class));
    }
    return last;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private void bronzeMoved() {
    tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).append(4, 50)
        .build());
  }

  @Test
  void aChildIsRecordedInStatusBeforeItIsCreated() {
    ReprocessProgress.Step first = reconcile(true);
    assertThat(first.status().phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(first.status().silver.application).isNotNull();
    assertThat(first.create()).as("nothing is created before the status naming it is stored").isEmpty();
    assertThat(first.recordFirst()).isTrue();
    ReprocessProgress.Step second = reconcile(true);
    assertThat(second.create()).extracting(a -> a.getMetadata().getName())
        .containsExactly(first.status().silver.application);
    assertThat(second.recordFirst()).isFalse();
  }

  /**
   * Issue 21 item 6: the operator dies at each reconcile of the start in turn, after its creates and before its
   * status patch; Bronze then moves on and a fresh operator carries on from what was stored. Exactly one Silver
   * SparkApplication exists, the one the stored status names, with the plan it was made from.
   */
  @Test
  void aCrashBetweenCreatingAChildAndRecordingItNeverStartsASecondRun() {
    for (int killAt = 1; killAt <= 3; killAt++) {
      setUp();
      rp.setStatus(null);
      apps.clear();
      for (int reconcile = 1; reconcile <= 3; reconcile++) {
        reconcile(reconcile != killAt);
        if (reconcile == killAt) {
          bronzeMoved();
        }
      }
      for (int i = 0; i < 3; i++) {
        reconcile(true);
      }
      ReprocessStatus s = rp.getStatus();
      assertThat(apps.keySet()).as("kill point %d: one Silver run, the recorded one", killAt)
          .containsExactly(s.silver.application);
      assertThat(s.silver.plan.snapshotRange).as("kill point %d", killAt)
          .isEqualTo(killAt == 1 ? "2..4" : "2..3");
    }
  }

  private void finish(String app, AppState state, String error) {
    SparkApplicationStatus status = new SparkApplicationStatus();
    status.applicationState = ApplicationState.of(state, error);
    apps.get(app).setStatus(status);
  }

  private void silverPublished(long bronzeSnapshot) {
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .lineage(21, bronzeSnapshot, "v1", "2026-11-02").build());
  }

  private List<EventReason> reasons() {
    return last.events().stream().map(EventNote::reason).toList();
  }

  @Test
  void automaticRunPlansAndSubmitsSilverInOneStep() {
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(s.silver.plan.snapshotRange).isEqualTo("2..3");
    assertThat(s.silver.plan.estimatedRecords).isEqualTo(10);
    assertThat(s.mode).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(s.sourceSnapshots).isEqualTo("2..3");
    assertThat(s.lagSnapshots).isEqualTo(1);
    assertThat(s.silver.attempt).isEqualTo(1);
    assertThat(last.create()).singleElement().satisfies(a -> assertThat(a.getMetadata().getName())
        .isEqualTo(s.silver.application));
    assertThat(reasons()).containsExactly(EventReason.Planned, EventReason.StageSubmitted);
    assertThat(Conditions.isTrue(s.conditions, Conditions.PLANNED)).isTrue();
    assertThat(Conditions.find(s.conditions, Conditions.PLANNED).get().reason).isEqualTo("AppendsOnly");
    assertThat(Conditions.find(s.conditions, Conditions.PLANNED).get().message)
        .as("Gold reads what Silver is about to publish, so its plan is provisional")
        .startsWith("Silver: INCREMENTAL (APPENDS_ONLY)")
        .contains("Gold: planned again once Silver has published (provisional: ");
    assertThat(Conditions.isTrue(s.conditions, Conditions.PROGRESSING)).isTrue();
    assertThat(Conditions.isTrue(s.conditions, Conditions.SUCCEEDED)).isFalse();
    assertThat(last.plans()).hasSize(2);
  }

  @Test
  void repeatingAStepWithNothingNewChangesNothingAndCreatesNothing() {
    ReprocessStatus first = step();
    String json = Serialization.asJson(first);
    ReprocessStatus again = step();
    assertThat(last.create()).isEmpty();
    assertThat(last.events()).isEmpty();
    assertThat(Serialization.asJson(again)).isEqualTo(json);
  }

  @Test
  void silverThenGoldThenSucceeded() {
    String silverApp = step().silver.application;
    finish(silverApp, AppState.RUNNING, null);
    assertThat(step().silver.state).isEqualTo(AppState.RUNNING);
    silverPublished(3);
    finish(silverApp, AppState.COMPLETED, null);
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningGold);
    assertThat(s.gold.plan.snapshotRange).as("Gold re-planned on the new Silver snapshot").isEqualTo("20..21");
    assertThat(s.gold.plan.partitions.goldDailyDates).isEqualTo("2026-11-02");
    assertThat(last.create()).singleElement().satisfies(a -> assertThat(a.getSpec().mainClass).endsWith("GoldJob"));
    finish(s.gold.application, AppState.COMPLETED, null);
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(Conditions.isTrue(s.conditions, Conditions.SUCCEEDED)).isTrue();
    assertThat(Conditions.isTrue(s.conditions, Conditions.FAILED)).isFalse();
    assertThat(Conditions.isTrue(s.conditions, Conditions.PROGRESSING)).isFalse();
    assertThat(step().phase).as("terminal").isEqualTo(ReprocessPhase.Succeeded);
    assertThat(last.create()).isEmpty();
  }

  @Test
  void failedAttemptsAreRetriedUpToTheLimitThenFailWithRecoveryUnit() {
    rp.getSpec().retryLimit = 1;
    String first = step().silver.application;
    finish(first, AppState.FAILED, "executor lost");
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(s.silver.attempt).isEqualTo(2);
    assertThat(s.silver.application).isNotEqualTo(first).endsWith("-2");
    assertThat(reasons()).containsExactly(EventReason.StageRetried, EventReason.StageSubmitted);
    finish(s.silver.application, AppState.SUBMISSION_FAILED, "quota exceeded");
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(s.failure.reason).isEqualTo("StageFailed");
    assertThat(s.failure.message).contains("2 attempt(s)", "quota exceeded");
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.SourceSnapshots);
    assertThat(s.failure.recoveryUnit.sourceSnapshots).isEqualTo("2..3");
    assertThat(s.failure.nextStep).contains(ApiGroup.RETRY_ANNOTATION, s.silver.application);
    assertThat(Conditions.find(s.conditions, Conditions.FAILED).get().reason).isEqualTo("StageFailed");
    assertThat(Conditions.isTrue(s.conditions, Conditions.FAILED)).isTrue();
    assertThat(last.create()).isEmpty();
  }

  @Test
  void aFailedSilverQualityGateIsNotRetriedAndPointsAtTheAuditBranch() {
    rp.getSpec().retryLimit = 3;
    String app = step().silver.application;
    // the job records its verdict on the run's audit branch, which is what the operator reads
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .onBranch(AuditBranch.forRun(app), 22, Map.of("userflow.source-snapshot-id", "3"))
        .onBranch(AuditBranch.forRun(app), 23, new GateVerdict("REJECT_RATIO: 0.5000 (expected <= 0.2000)").summary())
        .build());
    finish(app, AppState.FAILED, "driver container failed with ExitCode: 1, Reason: Error");
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.silver.attempt).isEqualTo(1);
    assertThat(s.failure.reason).isEqualTo("GateFailed");
    assertThat(s.failure.message).contains("quality gate", "REJECT_RATIO: 0.5000", "not retried");
    assertThat(s.failure.nextStep).contains("audit_" + app.replace('-', '_'), "rejectRatioThreshold",
        ApiGroup.RETRY_ANNOTATION);
    assertThat(Conditions.find(s.conditions, Conditions.FAILED).get().message).contains("retried. Next: Read");
    assertThat(last.create()).isEmpty();
  }

  @Test
  void aFailureWithoutARecordedRefusalIsRetriedWhateverTheMessage() {
    rp.getSpec().retryLimit = 1;
    String app = step().silver.application;
    // a candidate on the branch but no verdict: the run died before the gate judged it
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01")
        .onBranch(AuditBranch.forRun(app), 22, Map.of("userflow.source-snapshot-id", "3")).build());
    finish(app, AppState.FAILED, "driver container failed with ExitCode: 3, Reason: Error");
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
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
  void goldFailureNamesAggregatePartitions() {
    rp.getSpec().retryLimit = 0;
    rp.getSpec().range = DateRangeSpec.of("2026-11-01", "2026-11-02");
    String silverApp = step().silver.application;
    assertThat(rp.getStatus().silver.plan.reason).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
    silverPublished(3);
    finish(silverApp, AppState.COMPLETED, null);
    finish(step().gold.application, AppState.FAILED, "OOM");
    ReprocessStatus s = step();
    assertThat(s.failure.stage).isEqualTo(Stage.Gold);
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.AggregatePartitions);
    assertThat(s.failure.recoveryUnit.dailyDates).isEqualTo("2026-11-01..2026-11-02");
    assertThat(s.failure.recoveryUnit.rollingDates).isEqualTo("2026-11-01..2026-11-08");
  }

  @Test
  void backfillSilverFailureNamesSessionPartitions() {
    rp.getSpec().retryLimit = 0;
    rp.getSpec().range = DateRangeSpec.of("2026-11-01", "2026-11-03");
    finish(step().silver.application, AppState.FAILED, "bad");
    ReprocessStatus s = step();
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.SessionPartitions);
    assertThat(s.failure.recoveryUnit.sessionDates).isEqualTo("2026-11-01..2026-11-03");
  }

  @Test
  void silverGateFailsWhenNothingWasPublished() {
    String silverApp = step().silver.application;
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v0", null).build());
    finish(silverApp, AppState.COMPLETED, null);
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("GateFailed");
    assertThat(s.gold.application).as("Gold never started").isNull();
  }

  @Test
  void nothingNewIsSkipped() {
    tables.put(new TableHistory("events.silver_events").lineage(20, 3, "v1", null).build());
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Skipped);
    assertThat(s.mode).isEqualTo(PlanMode.NOOP);
    assertThat(Conditions.find(s.conditions, Conditions.SUCCEEDED).get().reason).isEqualTo("Noop");
    assertThat(Conditions.isTrue(s.conditions, Conditions.SUCCEEDED)).isTrue();
    assertThat(last.create()).isEmpty();
  }

  @Test
  void silverUpToDateButGoldBehindRunsGoldOnly() {
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", null).lineage(21, 3, "v1", "2026-11-05")
        .build());
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningGold);
    assertThat(s.silver.application).isNull();
    assertThat(s.mode).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(s.sourceSnapshots).isEqualTo("20..21");
  }

  @Test
  void silverOnlySucceedsAfterTheGate() {
    rp.getSpec().stages = List.of(Stage.Silver);
    String silverApp = step().silver.application;
    silverPublished(3);
    finish(silverApp, AppState.COMPLETED, null);
    assertThat(step().phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(rp.getStatus().gold).isNull();
  }

  @Test
  void manualApprovalShowsThePlanAndWaits() {
    rp.getSpec().approval = Approval.Manual;
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(last.create()).isEmpty();
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().reason).isEqualTo("AwaitingApproval");
    assertThat(s.planHash).hasSize(12);
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().message)
        .contains("Silver INCREMENTAL source snapshots 2..3", ApiGroup.APPROVED_ANNOTATION + "=" + s.planHash);
    String shown = s.planHash;
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, "true"));
    s = step();
    assertThat(s.phase).as("an approval names the plan it approves").isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().reason).isEqualTo("ApprovalNamesAnotherPlan");
    assertThat(last.create()).isEmpty();
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, shown));
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(Conditions.isTrue(s.conditions, Conditions.APPROVED)).isTrue();
    assertThat(last.create()).hasSize(1);
    assertThat(reasons()).as("the unchanged plan is checked, not announced again")
        .containsExactly(EventReason.Approved, EventReason.StageSubmitted);
  }

  @Test
  void aPlanShownWithoutAHashByAnOlderOperatorGetsOneAndNeedsIt() {
    rp.getSpec().approval = Approval.Manual;
    String hash = step().planHash;
    rp.getStatus().planHash = null;
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, "true"));
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(s.planHash).isEqualTo(hash);
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, hash));
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
  }

  @Test
  void aPlanThatChangedBeforeTheApprovalArrivedIsShownAndAskedForAgain() {
    rp.getSpec().approval = Approval.Manual;
    ReprocessStatus s = step();
    String shown = s.planHash;
    bronzeMoved();
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, shown));
    s = step();
    assertThat(s.phase).as("the approved plan is not the one that would run").isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(last.create()).isEmpty();
    assertThat(s.planHash).isNotEqualTo(shown);
    assertThat(s.silver.plan.snapshotRange).isEqualTo("2..4");
    var approved = Conditions.find(s.conditions, Conditions.APPROVED).get();
    assertThat(approved.reason).isEqualTo("PlanChanged");
    assertThat(approved.message).contains("source snapshots 2..3", "[plan " + shown + "]", "source snapshots 2..4",
        "[plan " + s.planHash + "]", ApiGroup.APPROVED_ANNOTATION + "=" + s.planHash);
    assertThat(reasons()).containsExactly(EventReason.Planned, EventReason.PlanChanged);
    assertThat(step().phase).as("the old approval stays refused").isEqualTo(ReprocessPhase.AwaitingApproval);
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, s.planHash));
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(last.create()).singleElement().satisfies(a -> assertThat(a.getMetadata().getName())
        .isEqualTo(rp.getStatus().silver.application));
  }

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
