package io.userflow.operator.decide;

import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.RunPlan;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.ReprocessApproval;
import io.userflow.operator.api.spec.Approval;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Planning a Reprocess and its manual approval, a part of {@link ReprocessProgress}'s state machine: the plans go
 * into status with the printer columns; a Manual Reprocess, or one whose plans the operator's {@link ApprovalPolicy}
 * holds, shows its {@link PlanFingerprint} and runs only the plan a ReprocessApproval names (a resource of its own,
 * so approving is a right RBAC grants apart from editing Reprocesses). Pure apart from the stage plans it asks for.
 */
final class ReprocessPlanning {
  private final ReprocessProgress.Inputs in;
  private final ReprocessStatus s;
  private final List<EventNote> events;
  private final List<RunPlan> planned;
  private final long generation;

  ReprocessPlanning(ReprocessProgress.Inputs in, ReprocessStatus s, List<EventNote> events, List<RunPlan> planned) {
    this.in = in;
    this.s = s;
    this.events = events;
    this.planned = planned;
    this.generation = Conditions.generation(in.reprocess());
  }

  /**
   * Plans the stages; returns the first stage to start now, or null (Skipped, waiting for Bronze, or waiting for
   * approval). A re-check that finds Bronze still without a commit records no Event: nothing changed.
   */
  Stage plan() {
    Stage first = planStages();
    boolean stillWaiting = first == null && bronzeEmpty() && stored() == ReprocessPhase.WaitingForBronze;
    if (!stillWaiting) {
      announcePlanned();
    }
    if (first == null) {
      nothingToRun();
      return null;
    }
    Optional<String> policy = in.approvalPolicy().requires(in.reprocess().getSpec(), s);
    if (in.reprocess().getSpec().approval == Approval.Manual || policy.isPresent()) {
      PlanFingerprint shown = PlanFingerprint.of(s, in.reprocess().getSpec().stages);
      s.planHash = shown.hash();
      s.phase = ReprocessPhase.AwaitingApproval;
      String why = policy.map(p -> " The operator's policy asks for approval: " + p + ".").orElse("");
      Conditions.set(s.conditions, Conditions.APPROVED, false, EventReason.AwaitingApproval.name(),
          "Review the plan in status (" + shown.summary() + "), then create " + approveWith(shown)
              + " to run exactly this plan." + why, generation, in.now());
      events.add(EventNote.normal(EventReason.AwaitingApproval, "Plan " + shown.hash() + " ready; waiting for "
          + approveWith(shown) + "." + why));
      return null;
    }
    Conditions.set(s.conditions, Conditions.APPROVED, true, "NotRequired", "The plan may run.", generation,
        in.now());
    return first;
  }

  /**
   * Plans every planned stage into status, the Planned condition and the printer columns; returns the first stage
   * that runs, or null.
   */
  private Stage planStages() {
    List<String> lines = new ArrayList<>();
    Stage upstreamRunning = null;
    List<Stage> stages = in.reprocess().getSpec().stages;
    for (Stage stage : StageRuns.ordered(stages)) {
      if (!stage.planned()) {
        lines.add(stage + ": runs after the data stages (it has no plan).");
        continue;
      }
      RunPlan plan = in.plans().plan(stage);
      planned.add(plan);
      stage.runOrNew(s).plan = PlanStatuses.of(plan);
      String line = stage + ": " + plan.mode() + " (" + plan.reason() + ") " + plan.message();
      // a later stage reads what an earlier one is about to publish: its plan now is only provisional
      lines.add(upstreamRunning == null ? line
          : stage + ": planned again once " + upstreamRunning + " has published (provisional: " + plan.mode()
              + ", " + plan.reason() + ").");
      if (upstreamRunning == null && plan.mode() != PlanMode.NOOP) {
        upstreamRunning = stage;
      }
    }
    Stage first = StageRuns.firstRunnable(s, stages);
    Stage shown = first != null && first.planned() ? first : StageRuns.firstPlanned(stages);
    StagePlan head = shown == null ? null : shown.runOrNew(s).plan;
    s.mode = head == null ? null : head.mode;
    s.sourceSnapshots = head == null ? null : head.snapshotRange;
    s.lagSnapshots = head == null ? null : head.snapshotCount;
    String message = String.join(" ", lines);
    Conditions.set(s.conditions, Conditions.PLANNED, true,
        head == null ? "MaintenanceOnly" : PlanStatuses.camel(head.reason.name()), message, generation, in.now());
    return first;
  }

  /** Records the Planned Event with the plans of the Planned condition. */
  private void announcePlanned() {
    events.add(EventNote.normal(EventReason.Planned, Conditions.find(s.conditions, Conditions.PLANNED)
        .map(c -> c.message).orElse("")));
  }

  /**
   * Every stage plan is NOOP. On a Bronze that has commits the Reprocess is done (Skipped, Succeeded=True); on a
   * Bronze with no commit yet nothing has happened, so it waits for the first one instead of reporting a success a
   * {@code kubectl wait --for=condition=Succeeded} would take for done.
   */
  private void nothingToRun() {
    if (!bronzeEmpty()) {
      s.phase = ReprocessPhase.Skipped;
      events.add(EventNote.normal(EventReason.Skipped, "Nothing to process: every stage plan is NOOP."));
      return;
    }
    if (stored() != ReprocessPhase.WaitingForBronze) {
      events.add(EventNote.normal(EventReason.WaitingForBronze, waitingForBronze(s)));
    }
    s.phase = ReprocessPhase.WaitingForBronze;
  }

  /**
   * The rule of {@link ReprocessPhase#WaitingForBronze}: a stage of this Reprocess reads Bronze, and its plan found
   * no snapshot there (the table does not exist yet, or has no commit).
   */
  private boolean bronzeEmpty() {
    return in.reprocess().getSpec().stages.stream().filter(Stage::readsBronze).map(stage -> stage.run(s))
        .anyMatch(run -> run != null && run.plan != null && run.plan.reason == PlanReason.SOURCE_EMPTY);
  }

  /** What a Reprocess waiting for Bronze waits for: for its Event and its conditions. */
  static String waitingForBronze(ReprocessStatus status) {
    String table = status.silver == null || status.silver.plan == null ? "Bronze" : status.silver.plan.sourceTable;
    return "Bronze table " + table + " has no commit yet (the streaming job has not written its first batch); "
        + "nothing has run. Planned again until it has one.";
  }

  private ReprocessPhase stored() {
    return in.reprocess().getStatus() == null ? null : in.reprocess().getStatus().phase;
  }

  /**
   * An approval names the plan it approves (its hash). The tables are planned again when it arrives: the same plan
   * starts; a different one (Bronze moved on, another run published) is shown instead and asked for again, with
   * the old and the new plan in the condition, so an approval never runs a plan nobody saw.
   */
  Stage awaitApproval() {
    List<ReprocessApproval> given = approvals();
    if (given.isEmpty()) {
      if (annotation(ApiGroup.APPROVED_ANNOTATION) != null) {
        Conditions.set(s.conditions, Conditions.APPROVED, false, "AnnotationNotHonoured", "Annotation "
            + ApiGroup.APPROVED_ANNOTATION + " no longer approves anything (whoever may edit a Reprocess could set "
            + "it); create " + approveWith(PlanFingerprint.of(s, in.reprocess().getSpec().stages)) + ".",
            generation, in.now());
      }
      return null;
    }
    List<Stage> stages = in.reprocess().getSpec().stages;
    PlanFingerprint shown = PlanFingerprint.of(s, stages);
    if (s.planHash == null) {
      // shown by an operator that did not record the hash yet: the plan in status is the one shown
      s.planHash = shown.hash();
    }
    ReprocessApproval approval = given.stream().filter(a -> s.planHash.equals(a.getSpec().planHash)).findFirst()
        .orElse(null);
    if (approval == null) {
      Conditions.set(s.conditions, Conditions.APPROVED, false, "ApprovalNamesAnotherPlan", "ReprocessApproval "
          + given.get(0).getMetadata().getName() + " approves plan " + given.get(0).getSpec().planHash
          + ", not the plan shown (" + shown + "); to run it, create " + approveWith(shown) + ".", generation,
          in.now());
      return null;
    }
    Stage first = planStages();
    PlanFingerprint now = PlanFingerprint.of(s, stages);
    if (first == null) {
      nothingToRun();
      return null;
    } else if (now.hash().equals(shown.hash())) {
      Conditions.set(s.conditions, Conditions.APPROVED, true, EventReason.Approved.name(), "Plan " + shown.hash()
          + " approved by ReprocessApproval " + approval.getMetadata().getName() + ".", generation, in.now());
      events.add(EventNote.normal(EventReason.Approved, "Plan " + shown.hash() + " approved by ReprocessApproval "
          + approval.getMetadata().getName() + "; starting."));
      return first;
    } else {
      s.planHash = now.hash();
      announcePlanned();
      String message = "The plan changed since it was shown: approved " + shown + ", now " + now
          + ". Review it, then create " + approveWith(now) + ".";
      Conditions.set(s.conditions, Conditions.APPROVED, false, EventReason.PlanChanged.name(), message,
          generation, in.now());
      events.add(EventNote.warning(EventReason.PlanChanged, message));
      return null;
    }
  }

  private String approveWith(PlanFingerprint plan) {
    return approveWith(in.reprocess().getMetadata().getName(), plan.hash());
  }

  /** How to approve: the one place that says it, for the condition, the Event and the progress message. */
  static String approveWith(String reprocess, String planHash) {
    return "a ReprocessApproval with spec.reprocessRef " + reprocess + " and spec.planHash " + planHash;
  }

  /**
   * The approvals of this Reprocess, oldest first. One made before the Reprocess was created belongs to an earlier
   * Reprocess of the same name and approves nothing here.
   */
  private List<ReprocessApproval> approvals() {
    String name = in.reprocess().getMetadata().getName();
    Instant created = instant(in.reprocess().getMetadata().getCreationTimestamp());
    return in.approvals().stream()
        .filter(a -> a.getSpec() != null && name.equals(a.getSpec().reprocessRef))
        .filter(a -> created == null || !instant(a.getMetadata().getCreationTimestamp()).isBefore(created))
        .sorted(Comparator.comparing((ReprocessApproval a) -> a.getMetadata().getCreationTimestamp())
            .thenComparing(a -> a.getMetadata().getName()))
        .toList();
  }

  private static Instant instant(String timestamp) {
    return timestamp == null ? null : Instant.parse(timestamp);
  }

  private String annotation(String key) {
    Map<String, String> annotations = in.reprocess().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
