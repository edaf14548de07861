package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.spec.Approval;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.iceberg.TableHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning and manual approval ({@link ReprocessPlanning}). */
class ReprocessPlanningTest extends ReprocessSteps {
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
  void beforeBronzesFirstCommitTheReprocessWaitsInsteadOfSucceeding() {
    tables.clear();
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.WaitingForBronze);
    assertThat(s.phase.isActive()).as("holds no pipeline").isFalse();
    assertThat(s.phase.isTerminal()).isFalse();
    assertThat(s.silver.plan.reason).isEqualTo(PlanReason.SOURCE_EMPTY);
    var succeeded = Conditions.find(s.conditions, Conditions.SUCCEEDED).get();
    assertThat(succeeded.status).as("kubectl wait --for=condition=Succeeded keeps waiting").isEqualTo("False");
    assertThat(succeeded.reason).isEqualTo("WaitingForBronze");
    assertThat(succeeded.message).contains("Bronze table events.bronze_events has no commit yet");
    assertThat(Conditions.isTrue(s.conditions, Conditions.FAILED)).isFalse();
    assertThat(Conditions.find(s.conditions, Conditions.PROGRESSING).get().reason).isEqualTo("WaitingForBronze");
    assertThat(last.create()).isEmpty();
    assertThat(reasons()).containsExactly(EventReason.Planned, EventReason.WaitingForBronze);
    String since = s.phaseSince;

    now = now.plusSeconds(30);
    s = step();
    assertThat(s.phase).as("the timed re-check plans again").isEqualTo(ReprocessPhase.WaitingForBronze);
    assertThat(reasons()).as("nothing changed, nothing to announce").isEmpty();
    assertThat(last.plans()).as("planned once per re-check").hasSize(2);
    assertThat(s.phaseSince).isEqualTo(since);

    tables.put(new TableHistory("events.bronze_events").append(1, 100).build());
    s = step();
    assertThat(s.phase).as("Bronze's first commit: the run starts").isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(s.silver.plan.reason).isEqualTo(PlanReason.NO_PREVIOUS_RUN);
    assertThat(reasons()).containsExactly(EventReason.Planned, EventReason.StageSubmitted);
    assertThat(Conditions.isTrue(s.conditions, Conditions.PROGRESSING)).isTrue();
  }

  @Test
  void aGoldOnlyReprocessDoesNotWaitForBronze() {
    tables.clear();
    rp.getSpec().stages = List.of(Stage.Gold);
    ReprocessStatus s = step();
    assertThat(s.phase).as("Gold reads Silver, not Bronze").isEqualTo(ReprocessPhase.Skipped);
  }

  @Test
  void anApprovedPlanWhoseBronzeIsGoneWaitsForBronze() {
    rp.getSpec().approval = Approval.Manual;
    String shown = step().planHash;
    tables.put(TableHistory.empty("events.bronze_events"));
    approve(shown);
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.WaitingForBronze);
    assertThat(Conditions.isTrue(s.conditions, Conditions.SUCCEEDED)).isFalse();
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
  void manualApprovalShowsThePlanAndWaits() {
    rp.getSpec().approval = Approval.Manual;
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(last.create()).isEmpty();
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().reason).isEqualTo("AwaitingApproval");
    assertThat(s.planHash).hasSize(12);
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().message)
        .contains("Silver INCREMENTAL source snapshots 2..3", "a ReprocessApproval with spec.reprocessRef nightly and spec.planHash " + s.planHash);
    String shown = s.planHash;
    approve("0123456789ab");
    s = step();
    assertThat(s.phase).as("an approval names the plan it approves").isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().reason).isEqualTo("ApprovalNamesAnotherPlan");
    assertThat(last.create()).isEmpty();
    approve(shown);
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
    approve("0123456789ab");
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(s.planHash).isEqualTo(hash);
    approve(hash);
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
  }

  @Test
  void aPlanThatChangedBeforeTheApprovalArrivedIsShownAndAskedForAgain() {
    rp.getSpec().approval = Approval.Manual;
    ReprocessStatus s = step();
    String shown = s.planHash;
    bronzeMoved();
    approve(shown);
    s = step();
    assertThat(s.phase).as("the approved plan is not the one that would run").isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(last.create()).isEmpty();
    assertThat(s.planHash).isNotEqualTo(shown);
    assertThat(s.silver.plan.snapshotRange).isEqualTo("2..4");
    var approved = Conditions.find(s.conditions, Conditions.APPROVED).get();
    assertThat(approved.reason).isEqualTo("PlanChanged");
    assertThat(approved.message).contains("source snapshots 2..3", "[plan " + shown + "]", "source snapshots 2..4",
        "[plan " + s.planHash + "]", "a ReprocessApproval with spec.reprocessRef nightly and spec.planHash " + s.planHash);
    assertThat(reasons()).containsExactly(EventReason.Planned, EventReason.PlanChanged);
    assertThat(step().phase).as("the old approval stays refused").isEqualTo(ReprocessPhase.AwaitingApproval);
    approve(s.planHash);
    s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(last.create()).singleElement().satisfies(a -> assertThat(a.getMetadata().getName())
        .isEqualTo(rp.getStatus().silver.application));
  }

  @Test
  void theOldAnnotationApprovesNothingAndSaysWhatDoes() {
    rp.getSpec().approval = Approval.Manual;
    String shown = step().planHash;
    rp.getMetadata().setAnnotations(Map.of(ApiGroup.APPROVED_ANNOTATION, shown));
    ReprocessStatus s = step();
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(last.create()).isEmpty();
    var approved = Conditions.find(s.conditions, Conditions.APPROVED).get();
    assertThat(approved.reason).isEqualTo("AnnotationNotHonoured");
    assertThat(approved.message).contains("create a ReprocessApproval with spec.reprocessRef nightly and "
        + "spec.planHash " + shown);
  }

  @Test
  void anApprovalMadeBeforeTheReprocessBelongsToAnEarlierOneOfTheSameName() {
    rp.getSpec().approval = Approval.Manual;
    String shown = step().planHash;
    var old = Fixtures.approval("earlier", "nightly", shown);
    old.getMetadata().setCreationTimestamp("2026-11-25T08:59:59Z");
    approvals.add(old);
    assertThat(step().phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    approve(shown);
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
    assertThat(Conditions.find(rp.getStatus().conditions, Conditions.APPROVED).get().message)
        .contains("approved by ReprocessApproval approval-1");
  }

  @Test
  void anAutomaticFullRebuildWaitsForApprovalUnderThePolicy() {
    rp.getSpec().mode = ReprocessMode.Full;
    approvalPolicy = new ApprovalPolicy(true, 0);
    ReprocessStatus s = step();
    assertThat(rp.getSpec().approval).isEqualTo(Approval.Automatic);
    assertThat(s.phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(last.create()).isEmpty();
    assertThat(Conditions.find(s.conditions, Conditions.APPROVED).get().message)
        .contains("The operator's policy asks for approval: the Silver plan is FULL (approvalPolicy.full)");
    approve(s.planHash);
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
  }

  @Test
  void aLongBackfillWaitsForApprovalUnderThePolicyAndAShortOneDoesNot() {
    rp.getSpec().range = DateRangeSpec.of("2026-10-01", "2026-11-01");
    approvalPolicy = new ApprovalPolicy(false, 31);
    assertThat(step().phase).isEqualTo(ReprocessPhase.AwaitingApproval);
    assertThat(Conditions.find(rp.getStatus().conditions, Conditions.APPROVED).get().message)
        .contains("spec.range covers 32 days, more than approvalPolicy.maxDays 31");

    rp = Fixtures.reprocess("short", "clicks");
    rp.getSpec().range = DateRangeSpec.of("2026-10-02", "2026-11-01");
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
  }

  @Test
  void aFirstBuildReplacesNothingAndNeedsNoApprovalUnderThePolicy() {
    tables.put(new TableHistory("events.silver_events").build());
    approvalPolicy = new ApprovalPolicy(true, 0);
    ReprocessStatus s = step();
    assertThat(s.silver.plan.reason).isEqualTo(PlanReason.NO_PREVIOUS_RUN);
    assertThat(s.phase).isEqualTo(ReprocessPhase.RunningSilver);
  }

  @Test
  void withoutAPolicyAnAutomaticFullRebuildRuns() {
    rp.getSpec().mode = ReprocessMode.Full;
    assertThat(step().phase).isEqualTo(ReprocessPhase.RunningSilver);
  }
}
