package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.operator.api.spec.Approval;
import io.userflow.operator.api.spec.DeadlinesSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.spark.AppState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 item 5: nothing a Reprocess waits for holds the pipeline's queue forever ({@link ReprocessDeadlines});
 * each wait ends in Failed with the recovery unit and the next step, counted from times the status records.
 */
class ReprocessDeadlinesTest extends ReprocessSteps {
  private void later(Duration d) {
    now = now.plus(d);
  }

  private void assertFailedByDeadline(ReprocessStatus s, String setting) {
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.failure.reason).isEqualTo("DeadlineExceeded");
    assertThat(s.failure.message).contains(setting);
    assertThat(s.failure.nextStep).isNotBlank();
    assertThat(Conditions.isTrue(s.conditions, Conditions.FAILED)).isTrue();
    assertThat(s.phase.isActive()).as("the queue is free").isFalse();
    assertThat(reasons()).contains(EventReason.DeadlineExceeded);
  }

  @Test
  void anApprovalNobodyGivesEndsInFailed() {
    rp.getSpec().approval = Approval.Manual;
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(last.nextDeadline(rp)).contains(now.plus(Duration.ofMinutes(DeadlinesSpec.APPROVAL_MINUTES)));
    later(Duration.ofMinutes(DeadlinesSpec.APPROVAL_MINUTES - 1));
    assertThat(step().phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    later(Duration.ofMinutes(1));
    s = step();
    assertFailedByDeadline(s, "spec.deadlines.approvalMinutes");
    assertThat(s.failure.message).contains(s.planHash);
    assertThat(s.failure.nextStep).contains("create it again");
  }

  @Test
  void anApplicationThatStaysUnknownEndsInFailedAndIsDeleted() {
    rp.getSpec().deadlines.unknownStateMinutes = 10;
    String app = step().silver.application;
    later(Duration.ofMinutes(30));
    finish(app, AppState.UNKNOWN, null);
    step();
    assertThat(last.nextDeadline(rp)).contains(now.plus(Duration.ofMinutes(10)));
    later(Duration.ofMinutes(9));
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
    later(Duration.ofMinutes(1));
    ReprocessStatus s = step();
    assertFailedByDeadline(s, "spec.deadlines.unknownStateMinutes");
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(s.failure.recoveryUnit).as("what a resume reprocesses").isNotNull();
    assertThat(last.delete()).containsExactly(app);
  }

  @Test
  void aDriverThatHangsEndsInFailedAndIsDeleted() {
    String app = step().silver.application;
    finish(app, AppState.RUNNING, null);
    step();
    later(Duration.ofMinutes(DeadlinesSpec.STAGE_MINUTES));
    ReprocessStatus s = step();
    assertFailedByDeadline(s, "spec.deadlines.stageMinutes");
    assertThat(s.failure.message).contains(app, "RUNNING");
    assertThat(last.delete()).containsExactly(app);
  }

  @Test
  void aCatalogOutageLongerThanTheStageDeadlineEndsInFailedWithoutAskingTheCatalog() {
    String app = step().silver.application;
    finish(app, AppState.COMPLETED, null);
    tables.failWith("connection refused");
    assertThatThrownBy(this::step).as("the retries meanwhile fail, and the stored status stays").isNotNull();
    later(Duration.ofMinutes(DeadlinesSpec.STAGE_MINUTES));
    ReprocessStatus s = step();
    assertFailedByDeadline(s, "spec.deadlines.stageMinutes");
    assertThat(s.failure.message).contains("catalog");
  }

  @Test
  void aResumedRunCountsItsDeadlinesFromTheResume() {
    rp.getSpec().approval = Approval.Manual;
    step();
    later(Duration.ofMinutes(DeadlinesSpec.APPROVAL_MINUTES));
    assertThat(step().phase).isEqualTo(ReprocessPhase.Failed);
    later(Duration.ofDays(30));
    rp.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of("userflow.io/retry", "1")));
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(s.phaseSince).isEqualTo(now.toString());
  }
}
