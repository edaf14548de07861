package io.userflow.operator.decide;

import io.userflow.core.contract.GateVerdict;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.validate.PipelineValidator;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.naming.ChildNames;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import java.util.List;
import java.util.Optional;

/**
 * Running the stages, a part of {@link ReprocessProgress}'s state machine: starting a stage, following its
 * SparkApplication, retries, Silver's gate and the Gold plan after it, and what follows the last stage. A stage's
 * child is created only once the stored status names it ({@link #recordFirst}). Pure apart from the stage plans it
 * asks for.
 */
final class ReprocessStages {
  private final ReprocessProgress.Inputs in;
  private final ReprocessStatus s;
  private final ReprocessOutcomes outcomes;
  private final List<SparkApplication> create;
  private final List<EventNote> events;
  private final List<RunPlan> planned;
  private boolean recordFirst;

  ReprocessStages(ReprocessProgress.Inputs in, ReprocessStatus s, ReprocessOutcomes outcomes,
      List<SparkApplication> create, List<EventNote> events, List<RunPlan> planned) {
    this.in = in;
    this.s = s;
    this.outcomes = outcomes;
    this.create = create;
    this.events = events;
    this.planned = planned;
  }

  /** Whether this step recorded a child that the next step creates. */
  boolean recordFirst() {
    return recordFirst;
  }

  void startIfAny(Stage stage) {
    if (stage != null) {
      start(stage);
    }
  }

  /** A Running phase: follows the stage's SparkApplication, created once it is recorded. */
  void run(Stage stage) {
    StageStatus run = stage.runOrNew(s);
    SparkApplication app = in.applications().get(run.application);
    if (app == null) {
      submitOnceRecorded(stage, run);
      return;
    }
    AppState state = app.getStatus() == null || app.getStatus().applicationState == null ? null
        : app.getStatus().applicationState.state;
    ReprocessDeadlines.stateSeen(run, state, in.now());
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

  /** Validating: Silver's table must show its commit before Gold is planned from it. */
  void validateSilver() {
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
      Stage.Gold.runOrNew(s).plan = PlanStatuses.of(gold);
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

  private void start(Stage stage) {
    StageStatus run = stage.runOrNew(s);
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
    if (!PipelineValidator.runnable(in.pipeline().getSpec(), in.allowLists())) {
      // edited since admission to a spec that may not run: no child of this run gets its image or ServiceAccount
      outcomes.fail(stage, EventReason.PipelineInvalid, "FeaturePipeline " + in.pipeline().getMetadata().getName()
          + " now has an invalid spec or one the operator does not allow (see its Ready condition); the " + stage
          + " SparkApplication was not created.");
      return;
    }
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
}
