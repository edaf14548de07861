package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.spark.AppState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Running the stages: a child is recorded before it is created, Silver then Gold, Silver's gate, retries ({@link ReprocessStages}).
 */
class ReprocessStagesTest extends ReprocessSteps {
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
  void aFailureWithoutARecordedRefusalIsRetriedWhateverTheMessage() {
    rp.getSpec().retryLimit = 1;
    String app = step().silver.application;
    // a candidate on the branch but no verdict: the run died before the gate judged it
    silverCandidate(app, null);
    finish(app, AppState.FAILED, "driver container failed with ExitCode: 3, Reason: Error");
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
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
  void silverOnlySucceedsAfterTheGate() {
    rp.getSpec().stages = List.of(Stage.Silver);
    String silverApp = step().silver.application;
    silverPublished(3);
    finish(silverApp, AppState.COMPLETED, null);
    assertThat(step().phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(rp.getStatus().gold).isNull();
  }
}
