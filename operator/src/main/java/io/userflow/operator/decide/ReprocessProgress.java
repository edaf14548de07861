package io.userflow.operator.decide;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.naming.ChildNames;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.PipelineValidator;
import io.userflow.operator.validate.ReprocessValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Reprocess state machine. Pure apart from the {@link StagePlans} it asks: it takes the resource, its
 * pipeline and owned SparkApplications, and returns the next status plus the children to create. Everything it
 * needs after an operator restart is in the status and the children, so it never relies on memory.
 */
public final class ReprocessProgress {

  /**
   * @param reprocess the resource (its status is not modified)
   * @param pipeline the referenced FeaturePipeline, null when it does not exist
   * @param blocker another Reprocess of the same pipeline this one must wait for, or null
   * @param applications owned SparkApplications by name
   * @param plans plans and lineage from the tables, asked only in the phases that need them
   * @param now the clock's time, for condition transitions
   */
  public record Inputs(Reprocess reprocess, FeaturePipeline pipeline, String blocker,
      Map<String, SparkApplication> applications, StagePlans plans, Instant now) {}

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
      List<RunPlan> plans, List<String> delete, boolean recordFirst) {}

  private static final int MAX_TRANSITIONS_PER_STEP = 8;

  private final Inputs in;
  private final ReprocessStatus s;
  private final ReprocessOutcomes outcomes;
  private final ReprocessPlanning planning;
  private final List<SparkApplication> create = new ArrayList<>();
  private final List<EventNote> events = new ArrayList<>();
  private final List<RunPlan> planned = new ArrayList<>();
  private final List<String> delete = new ArrayList<>();
  private boolean recordFirst;

  private ReprocessProgress(Inputs in) {
    this.in = in;
    ReprocessStatus current = in.reprocess().getStatus();
    this.s = current == null ? new ReprocessStatus()
        : Serialization.unmarshal(Serialization.asJson(current), ReprocessStatus.class);
    this.outcomes = new ReprocessOutcomes(in.reprocess(), s, events);
    this.planning = new ReprocessPlanning(in, s, events, planned);
  }

  public static Step next(Inputs in) {
    return new ReprocessProgress(in).run();
  }

  private Step run() {
    if (s.phase == null) {
      s.phase = ReprocessPhase.Pending;
    }
    if (s.phase == ReprocessPhase.Failed) {
      resumeIfAsked();
    }
    if (in.pipeline() == null && s.phase.isActive()) {
      stopOrphanedRun();
    }
    for (int i = 0; i < MAX_TRANSITIONS_PER_STEP; i++) {
      ReprocessPhase before = s.phase;
      switch (s.phase) {
        case Pending, Queued -> admit();
        case Planning -> startIfAny(planning.plan());
        case AwaitingApproval -> startIfAny(planning.awaitApproval());
        case Validating -> validateSilver();
        case RunningSilver, RunningGold, RunningMaintenance -> runStage(Stage.runningIn(s.phase));
        default -> { }
      }
      if (s.phase == before) {
        break;
      }
    }
    outcomes.decorate(Conditions.generation(in.reprocess()), in.now());
    return new Step(s, create, events, planned, delete, recordFirst);
  }

  private void admit() {
    List<String> problems = ReprocessValidator.validate(in.reprocess().getSpec());
    if (!problems.isEmpty()) {
      outcomes.fail(null, EventReason.InvalidSpec, "Invalid spec: " + String.join("; ", problems) + ".");
    } else if (in.pipeline() == null) {
      outcomes.fail(null, EventReason.PipelineNotFound, "FeaturePipeline " + in.reprocess().getSpec().pipelineRef
          + " does not exist in namespace " + in.reprocess().getMetadata().getNamespace() + ".");
    } else if (!PipelineValidator.validate(in.pipeline().getSpec()).isEmpty()) {
      outcomes.fail(null, EventReason.PipelineInvalid, "FeaturePipeline " + in.pipeline().getMetadata().getName()
          + " has an invalid spec; see its Ready condition.");
    } else if (in.blocker() != null) {
      if (s.phase != ReprocessPhase.Queued || !in.blocker().equals(s.queuedBehind)) {
        events.add(EventNote.normal(EventReason.Queued, "Waiting for Reprocess " + in.blocker()
            + " of the same pipeline to finish."));
      }
      s.phase = ReprocessPhase.Queued;
      s.queuedBehind = in.blocker();
    } else if (s.resumeFrom != null) {
      s.queuedBehind = null;
      resume(s.resumeFrom);
    } else {
      s.queuedBehind = null;
      s.phase = ReprocessPhase.Planning;
    }
  }

  private void runStage(Stage stage) {
    StageStatus run = StageRuns.of(s, stage);
    SparkApplication app = in.applications().get(run.application);
    if (app == null) {
      submitOnceRecorded(stage, run);
      return;
    }
    AppState state = app.getStatus() == null || app.getStatus().applicationState == null ? null
        : app.getStatus().applicationState.state;
    run.state = state;
    run.errorMessage = state == null ? null : app.getStatus().applicationState.errorMessage;
    if (state == AppState.COMPLETED) {
      events.add(EventNote.normal(EventReason.StageCompleted, stage + " SparkApplication " + run.application
          + " completed."));
      if (stage == Stage.Silver) {
        s.phase = ReprocessPhase.Validating;
      } else {
        succeedOrMaintain(stage, stage + " completed.");
      }
    } else if (state != null && state.isFailed()) {
      retryOrFail(stage, run);
    }
  }

  private void retryOrFail(Stage stage, StageStatus run) {
    run.failedAttempts = (run.failedAttempts == null ? 0 : run.failedAttempts) + 1;
    String cause = run.errorMessage == null ? String.valueOf(run.state) : run.errorMessage;
    Optional<GateVerdict> refusal = stage == Stage.Silver ? in.plans().gateRefusal(run.application) : Optional.empty();
    if (refusal.isPresent()) {
      outcomes.fail(stage, EventReason.GateFailed, "Silver's quality gate refused the candidate ("
          + refusal.get().failedChecks() + "); main was not changed and the same input would fail again, so it "
          + "was not retried.");
    } else if (run.failedAttempts <= in.reprocess().getSpec().retryLimit) {
      events.add(EventNote.warning(EventReason.StageRetried, stage + " attempt " + run.attempt + " failed ("
          + cause + "); retry " + run.failedAttempts + " of " + in.reprocess().getSpec().retryLimit + "."));
      StageRuns.nextAttempt(in.reprocess().getMetadata().getName(), stage, run);
      submitOnceRecorded(stage, run);
    } else {
      outcomes.fail(stage, EventReason.StageFailed, stage + " failed after " + run.failedAttempts
          + " attempt(s); last error: " + cause);
    }
  }

  private void validateSilver() {
    TargetState silver = in.plans().lineage(Stage.Silver);
    String version = in.pipeline().getSpec().streaming.transformVersion;
    if (!silver.hasPreviousRun() || !version.equals(silver.transformVersion())) {
      outcomes.fail(Stage.Silver, EventReason.GateFailed, "Silver reported completion but its table shows no "
          + "published commit from transform version " + version + "; nothing downstream was started.");
    } else if (!StageRuns.ordered(in.reprocess().getSpec().stages).contains(Stage.Gold)) {
      succeedOrMaintain(Stage.Silver, "Silver completed and published source snapshot "
          + silver.lastProcessedSourceSnapshotId() + ".");
    } else {
      RunPlan gold = in.plans().plan(Stage.Gold);
      planned.add(gold);
      StageRuns.of(s, Stage.Gold).plan = PlanStatuses.of(gold);
      if (gold.mode() == PlanMode.NOOP) {
        succeedOrMaintain(Stage.Gold, "Silver completed; Gold is already up to date (" + gold.reason() + ").");
      } else {
        start(Stage.Gold);
      }
    }
  }

  /** Starts Maintenance after the data stages when it was asked for; otherwise the Reprocess succeeded. */
  private void succeedOrMaintain(Stage done, String message) {
    Stage next = StageRuns.after(done, in.reprocess().getSpec().stages);
    if (next == Stage.Maintenance) {
      start(next);
    } else {
      outcomes.succeed(message);
    }
  }

  /**
   * The pipeline was deleted mid-run: nothing may keep writing its tables for it, so the running stage's
   * SparkApplication is deleted and the Reprocess fails naming that stage and what a rerun redoes.
   */
  private void stopOrphanedRun() {
    ReprocessPhase was = s.phase;
    Stage running = Stage.runningIn(was);
    StageStatus run = running == null ? null : StageRuns.of(s, running);
    SparkApplication app = run == null ? null : in.applications().get(run.application);
    boolean stopped = app != null && !finished(app);
    if (stopped) {
      delete.add(run.application);
    }
    outcomes.fail(running, EventReason.PipelineNotFound, "FeaturePipeline " + in.reprocess().getSpec().pipelineRef
        + " was deleted while the Reprocess was " + was + (stopped ? "; its " + running + " SparkApplication "
        + run.application + " was deleted to stop it" : "") + ".");
  }

  private static boolean finished(SparkApplication app) {
    AppState state = app.getStatus() == null || app.getStatus().applicationState == null ? null
        : app.getStatus().applicationState.state;
    return state == AppState.COMPLETED || state != null && state.isFailed();
  }

  private void resumeIfAsked() {
    // the spec is immutable (a CEL rule), so a new retry token is the only way back from Failed
    String token = annotation(ApiGroup.RETRY_ANNOTATION);
    if (token == null || token.equals(s.retryToken)) {
      return;
    }
    Stage failed = s.failure == null ? null : s.failure.stage;
    s.retryToken = token;
    s.failure = null;
    events.add(EventNote.normal(EventReason.Resumed, failed == null ? "Resuming from planning."
        : "Resuming from the " + failed + " stage."));
    if (failed == null) {
      s.silver = null;
      s.gold = null;
      s.maintenance = null;
    }
    // back through admission: a resumed Reprocess queues behind an active rival like a new one
    s.resumeFrom = failed;
    s.phase = ReprocessPhase.Pending;
  }

  private void resume(Stage failed) {
    s.resumeFrom = null;
    StageStatus run = StageRuns.of(s, failed);
    run.failedAttempts = 0;
    StageRuns.nextAttempt(in.reprocess().getMetadata().getName(), failed, run);
    s.phase = failed.runningPhase();
  }

  private void startIfAny(Stage stage) {
    if (stage != null) {
      start(stage);
    }
  }

  private void start(Stage stage) {
    StageStatus run = StageRuns.of(s, stage);
    if (run.attempt == null) {
      run.attempt = 1;
      run.failedAttempts = 0;
      run.application = ChildNames.stage(in.reprocess().getMetadata().getName(), stage, run.plan, run.attempt);
    }
    s.phase = stage.runningPhase();
  }

  /**
   * Creates the stage's child only when the status this step started from (the stored one) already names it.
   * Otherwise this step records it and the next one creates it: a crash between the two re-reads the recorded
   * name and plan instead of planning again against a Bronze that has moved on (a second, untracked run).
   */
  private void submitOnceRecorded(Stage stage, StageStatus run) {
    if (StageRuns.recorded(in.reprocess().getStatus(), stage, run.application)) {
      submit(stage, run);
    } else {
      recordFirst = true;
    }
  }

  private void submit(Stage stage, StageStatus run) {
    create.add(SparkApplicationFactory.batch(in.reprocess(), in.pipeline(), stage, run));
    String what = run.plan == null ? "" : run.plan.mode + ", source snapshots " + run.plan.snapshotRange + ", ";
    events.add(EventNote.normal(EventReason.StageSubmitted, "Submitted " + stage + " SparkApplication "
        + run.application + " (" + what + "attempt " + run.attempt + ")."));
  }

  private String annotation(String key) {
    Map<String, String> annotations = in.reprocess().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
