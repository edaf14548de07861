package io.userflow.operator.decide;

import io.userflow.core.contract.AuditBranch;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.FailureStatus;
import io.userflow.operator.api.status.PartitionsStatus;
import io.userflow.operator.api.status.RecoveryUnit;
import io.userflow.operator.api.status.RecoveryUnitKind;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Terminal outcomes of a Reprocess and the conditions every phase shows. Pure. */
final class ReprocessOutcomes {
  private final Reprocess reprocess;
  private final ReprocessStatus s;
  private final List<EventNote> events;

  ReprocessOutcomes(Reprocess reprocess, ReprocessStatus status, List<EventNote> events) {
    this.reprocess = reprocess;
    this.s = status;
    this.events = events;
  }

  void succeed(String message) {
    s.phase = ReprocessPhase.Succeeded;
    events.add(EventNote.normal(EventReason.Succeeded, message));
  }

  /** Fails the Reprocess; {@code stage} is null when it failed before running anything. */
  void fail(Stage stage, EventReason reason, String message) {
    s.phase = ReprocessPhase.Failed;
    FailureStatus f = new FailureStatus();
    f.stage = stage;
    f.reason = reason.name();
    f.message = message;
    StageStatus run = stage == null ? null : stage.runOrNew(s);
    f.recoveryUnit = run == null || run.plan == null && stage.planned() ? null : recoveryUnit(stage, run);
    f.nextStep = nextStep(stage, reason, run);
    s.failure = f;
    Map<String, String> annotations = reprocess.getMetadata().getAnnotations();
    s.retryToken = annotations == null ? null : annotations.get(ApiGroup.RETRY_ANNOTATION);
    events.add(EventNote.warning(reason, message));
  }

  /** Sets Succeeded, Failed and Progressing from the phase, so kubectl wait works on either outcome. */
  void decorate(long generation, Instant now) {
    ReprocessPhase phase = s.phase;
    String name = phase.name();
    boolean succeeded = phase == ReprocessPhase.Succeeded || phase == ReprocessPhase.Skipped;
    boolean failed = phase == ReprocessPhase.Failed;
    Conditions.set(s.conditions, Conditions.SUCCEEDED, succeeded, phase == ReprocessPhase.Skipped ? "Noop" : name,
        succeeded ? "The Reprocess finished: " + name + "."
            : phase == ReprocessPhase.WaitingForBronze ? "Not yet: " + ReprocessPlanning.waitingForBronze(s)
            : "The Reprocess is " + name + ".", generation, now);
    Conditions.set(s.conditions, Conditions.FAILED, failed, failed ? s.failure.reason : name,
        failed ? s.failure.message + (s.failure.message.endsWith(".") ? "" : ".") + " Next: " + s.failure.nextStep : "Not failed.", generation, now);
    Conditions.set(s.conditions, Conditions.PROGRESSING, phase.isActive(), name, progressMessage(phase),
        generation, now);
    s.observedGeneration = generation;
  }

  private String progressMessage(ReprocessPhase phase) {
    Stage running = Stage.runningIn(phase);
    if (running != null) {
      return "Running " + running + ": " + running.run(s).application + ".";
    }
    return switch (phase) {
      case Queued -> "Waiting for Reprocess " + s.queuedBehind + " of the same pipeline.";
      case WaitingForBronze -> ReprocessPlanning.waitingForBronze(s);
      case AwaitingApproval -> "Waiting for " + ReprocessPlanning.approveWith(reprocess.getMetadata().getName(),
          s.planHash) + ".";
      default -> "Phase " + phase + ".";
    };
  }

  static RecoveryUnit recoveryUnit(Stage stage, StageStatus run) {
    RecoveryUnit u = new RecoveryUnit();
    if (!stage.planned()) {
      u.kind = RecoveryUnitKind.Maintenance;
      u.description = "The maintenance stage runs again from the start; that is safe: compaction changes no row and "
          + "expiry keeps every snapshot a stage's next plan reads.";
      return u;
    }
    PartitionsStatus p = run.plan.partitions;
    u.sourceSnapshots = run.plan.snapshotRange;
    if (p != null && p.all) {
      u.kind = RecoveryUnitKind.WholeTable;
      u.description = stage + " is rebuilt from all of " + run.plan.sourceTable + " (snapshots "
          + run.plan.snapshotRange + ").";
    } else if (stage == Stage.Silver && p != null && p.silverDates != null) {
      u.kind = RecoveryUnitKind.SessionPartitions;
      u.sessionDates = p.silverDates;
      u.description = "Silver session partitions for event dates " + p.silverDates + " are rewritten.";
    } else if (stage == Stage.Gold && p != null && p.goldDailyDates != null) {
      u.kind = RecoveryUnitKind.AggregatePartitions;
      u.dailyDates = p.goldDailyDates;
      u.rollingDates = p.goldRollingDates;
      u.description = "Gold daily partitions " + p.goldDailyDates + " and rolling partitions " + p.goldRollingDates
          + " are rewritten.";
    } else {
      u.kind = RecoveryUnitKind.SourceSnapshots;
      u.description = run.plan.sourceTable + " snapshots " + run.plan.snapshotRange + " are processed again; "
          + "the " + (stage == Stage.Silver ? "session" : "aggregate") + " partitions they touch are rewritten.";
    }
    return u;
  }

  private String nextStep(Stage stage, EventReason reason, StageStatus run) {
    String name = reprocess.getMetadata().getName();
    String resume = "kubectl annotate reprocess " + name + " " + ApiGroup.RETRY_ANNOTATION + "=\"$(date +%s)\" "
        + "--overwrite";
    return switch (reason) {
      case InvalidSpec -> "The spec cannot be changed once created: delete this Reprocess and create a new one "
          + "with a corrected spec.";
      case PipelineNotFound -> "Create FeaturePipeline " + reprocess.getSpec().pipelineRef + ", then run: " + resume
          + " (or delete this Reprocess and create one naming an existing pipeline).";
      case PipelineInvalid -> "Fix the FeaturePipeline spec, then run: " + resume;
      case GateFailed -> "Read the failed checks in the driver log of SparkApplication "
          + (run == null ? "?" : run.application) + " and inspect the candidate on branch "
          + (run == null || run.application == null ? AuditBranch.PREFIX + "<run>" : AuditBranch.forRun(run.application))
          + " of the Silver table; fix the input, or raise spec.batch.rejectRatioThreshold of FeaturePipeline "
          + reprocess.getSpec().pipelineRef + " if those rejects are expected, then resume from the Silver stage: "
          + resume;
      case DeadlineExceeded -> stage == null
          ? "Delete this Reprocess and create it again when someone can approve it (or plan again: " + resume + ")."
          : "Find the cause in the driver log of SparkApplication " + (run == null ? "?" : run.application)
          + " or the operator's MetadataUnavailable Events, fix it, then resume from the " + stage + " stage: "
          + resume;
      default -> "Find the cause in the driver log of SparkApplication "
          + (run == null ? "?" : run.application) + ", fix it, then resume from the " + stage + " stage: " + resume;
    };
  }
}
