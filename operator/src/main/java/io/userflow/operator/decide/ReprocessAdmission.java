package io.userflow.operator.decide;

import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.PipelineValidator;
import io.userflow.operator.validate.ReprocessValidator;
import java.util.List;
import java.util.Map;

/**
 * Getting a Reprocess in and out of its pipeline, a part of {@link ReprocessProgress}'s state machine: admission
 * (valid specs, the queue), a resume asked for by the retry annotation, and stopping a run whose pipeline was
 * deleted. Pure.
 */
final class ReprocessAdmission {
  private final ReprocessProgress.Inputs in;
  private final ReprocessStatus s;
  private final ReprocessOutcomes outcomes;
  private final List<EventNote> events;
  private final List<String> delete;

  ReprocessAdmission(ReprocessProgress.Inputs in, ReprocessStatus s, ReprocessOutcomes outcomes,
      List<EventNote> events, List<String> delete) {
    this.in = in;
    this.s = s;
    this.outcomes = outcomes;
    this.events = events;
    this.delete = delete;
  }

  /** Pending or Queued: fails an invalid Reprocess or pipeline, queues behind a rival, else plans or resumes. */
  void admit() {
    List<String> problems = ReprocessValidator.validate(in.reprocess().getSpec());
    if (!problems.isEmpty()) {
      outcomes.fail(null, EventReason.InvalidSpec, "Invalid spec: " + String.join("; ", problems) + ".");
    } else if (in.pipeline() == null) {
      outcomes.fail(null, EventReason.PipelineNotFound, "FeaturePipeline " + in.reprocess().getSpec().pipelineRef
          + " does not exist in namespace " + in.reprocess().getMetadata().getNamespace() + ".");
    } else if (!PipelineValidator.runnable(in.pipeline().getSpec(), in.allowLists())) {
      outcomes.fail(null, EventReason.PipelineInvalid, "FeaturePipeline " + in.pipeline().getMetadata().getName()
          + " has an invalid spec or one the operator does not allow; see its Ready condition.");
    } else if (!(problems = ReprocessValidator.dropTables(in.reprocess().getSpec(), in.pipeline().getSpec(),
        in.plans()::table)).isEmpty()) {
      // against the tables as they are: only a removed feature group's table may go
      outcomes.fail(null, EventReason.InvalidSpec, "Invalid spec: " + String.join("; ", problems) + ".");
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

  /** Failed: a new retry token takes the Reprocess back through admission, to the failed stage or to planning. */
  void resumeIfAsked() {
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
    StageStatus run = failed.runOrNew(s);
    run.failedAttempts = 0;
    StageRuns.nextAttempt(in.reprocess().getMetadata().getName(), failed, run);
    s.phase = failed.runningPhase();
  }

  /**
   * The pipeline was deleted mid-run: nothing may keep writing its tables for it, so the running stage's
   * SparkApplication is deleted and the Reprocess fails naming that stage and what a rerun redoes.
   */
  void stopOrphanedRun() {
    ReprocessPhase was = s.phase;
    Stage running = Stage.runningIn(was);
    StageStatus run = running == null ? null : running.runOrNew(s);
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

  private String annotation(String key) {
    Map<String, String> annotations = in.reprocess().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
