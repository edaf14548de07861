package io.userflow.operator.decide;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.planner.RunPlan;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.ReprocessApproval;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.AllowLists;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Reprocess state machine. Pure apart from the {@link StagePlans} it asks: it takes the resource, its
 * pipeline and owned SparkApplications, and returns the next status plus the children to create. Everything it
 * needs after an operator restart is in the status and the children, so it never relies on memory. The phases are
 * handled by group: {@link ReprocessAdmission} (Pending, Queued, a resume from Failed, a deleted pipeline),
 * {@link ReprocessPlanning} (Planning, AwaitingApproval, and whether nothing to run means Skipped or
 * WaitingForBronze), {@link ReprocessStages} (the Running phases and
 * Validating); {@link ReprocessOutcomes} ends a Reprocess and sets the conditions every phase shows.
 */
public final class ReprocessProgress {

  /**
   * @param reprocess the resource (its status is not modified)
   * @param pipeline the referenced FeaturePipeline, null when it does not exist
   * @param blocker another Reprocess of the same pipeline this one must wait for, or null
   * @param applications owned SparkApplications by name
   * @param plans plans and lineage from the tables, asked only in the phases that need them
   * @param allowLists what the operator lets the pipeline's applications run
   * @param approvalPolicy which plans need an approval whatever the spec says
   * @param approvals the namespace's ReprocessApprovals naming this Reprocess
   * @param now the clock's time, for condition transitions
   */
  public record Inputs(Reprocess reprocess, FeaturePipeline pipeline, String blocker,
      Map<String, SparkApplication> applications, StagePlans plans, AllowLists allowLists,
      ApprovalPolicy approvalPolicy, List<ReprocessApproval> approvals, Instant now) {}

  /**
   * @param status the next status
   * @param create SparkApplications to create (create-if-absent)
   * @param events Events to record
   * @param plans plans computed in this step, for metrics
   * @param delete names of owned SparkApplications to delete (a run whose pipeline is gone is stopped)
   * @param recordFirst the status names a child not created yet: it is created by the next step, once this
   *     status is stored, so a crash in between cannot leave a child the status does not name
   */
  public record Step(ReprocessStatus status, List<SparkApplication> create, List<EventNote> events,
      List<RunPlan> plans, List<String> delete, boolean recordFirst) {
    /** When the next deadline of this status falls ({@link ReprocessDeadlines}); empty when none is running. */
    public Optional<Instant> nextDeadline(Reprocess reprocess) {
      return ReprocessDeadlines.next(status, reprocess.getSpec().deadlines);
    }
  }

  private static final int MAX_TRANSITIONS_PER_STEP = 8;

  private final Inputs in;
  private final ReprocessStatus s;
  private final ReprocessOutcomes outcomes;
  private final ReprocessAdmission admission;
  private final ReprocessPlanning planning;
  private final ReprocessStages stages;
  private final List<SparkApplication> create = new ArrayList<>();
  private final List<EventNote> events = new ArrayList<>();
  private final List<RunPlan> planned = new ArrayList<>();
  private final List<String> delete = new ArrayList<>();

  private ReprocessProgress(Inputs in) {
    this.in = in;
    ReprocessStatus current = in.reprocess().getStatus();
    this.s = current == null ? new ReprocessStatus()
        : Serialization.unmarshal(Serialization.asJson(current), ReprocessStatus.class);
    this.outcomes = new ReprocessOutcomes(in.reprocess(), s, events);
    this.admission = new ReprocessAdmission(in, s, outcomes, events, delete);
    this.planning = new ReprocessPlanning(in, s, events, planned);
    this.stages = new ReprocessStages(in, s, outcomes, create, events, planned);
  }

  public static Step next(Inputs in) {
    return new ReprocessProgress(in).run();
  }

  private Step run() {
    if (s.phase == null) {
      s.phase = ReprocessPhase.Pending;
    }
    ReprocessPhase stored = s.phase;
    if (s.phase == ReprocessPhase.Failed) {
      admission.resumeIfAsked();
    }
    if (in.pipeline() == null && s.phase.isActive()) {
      admission.stopOrphanedRun();
    }
    if (s.phase == stored) {
      // a resumed run's deadlines count from its resume
      ReprocessDeadlines.enforce(s, in.reprocess().getSpec().deadlines, outcomes, delete, in.now());
    }
    for (int i = 0; i < MAX_TRANSITIONS_PER_STEP; i++) {
      ReprocessPhase before = s.phase;
      switch (s.phase) {
        case Pending, Queued -> admission.admit();
        // the timed re-check: back through admission and planning once a step, not again in the same one
        case WaitingForBronze -> {
          if (i == 0) {
            admission.admit();
          }
        }
        case Planning -> stages.startIfAny(planning.plan());
        case AwaitingApproval -> stages.startIfAny(planning.awaitApproval());
        case Validating -> stages.validateSilver();
        case RunningSilver, RunningGold, RunningMaintenance -> stages.run(Stage.runningIn(s.phase));
        default -> { }
      }
      if (s.phase == before) {
        break;
      }
    }
    ReprocessDeadlines.stamp(s, in.reprocess().getStatus() == null ? null : stored, in.now());
    outcomes.decorate(Conditions.generation(in.reprocess()), in.now());
    return new Step(s, create, events, planned, delete, stages.recordFirst());
  }
}
