package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.GateVerdict;
import io.userflow.core.planner.PlanReason;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.RecoveryUnitKind;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.spark.AppState;
import org.junit.jupiter.api.Test;

/**
 * How a failed stage ends a Reprocess: its reason, the recovery unit and the next step ({@link ReprocessOutcomes}).
 */
class ReprocessOutcomesTest extends ReprocessSteps {
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
    silverCandidate(app, new GateVerdict("REJECT_RATIO: 0.5000 (expected <= 0.2000)"));
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
}
