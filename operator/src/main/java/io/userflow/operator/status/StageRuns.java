package io.userflow.operator.status;

import io.userflow.core.planner.PlanMode;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.model.ChildNames;
import java.util.List;

/** Small rules about a Reprocess's stage runs: where each lives in status, attempt numbering, run order. Pure. */
final class StageRuns {
  private StageRuns() {}

  /** The stage's status, created on first use. */
  static StageStatus of(ReprocessStatus s, Stage stage) {
    return switch (stage) {
      case Silver -> s.silver == null ? (s.silver = new StageStatus()) : s.silver;
      case Gold -> s.gold == null ? (s.gold = new StageStatus()) : s.gold;
      case Maintenance -> s.maintenance == null ? (s.maintenance = new StageStatus()) : s.maintenance;
    };
  }

  /** Whether the stored status {@code stored} names {@code application} as the stage's current child. */
  static boolean recorded(ReprocessStatus stored, Stage stage, String application) {
    StageStatus run = stored == null ? null : switch (stage) {
      case Silver -> stored.silver;
      case Gold -> stored.gold;
      case Maintenance -> stored.maintenance;
    };
    return run != null && application != null && application.equals(run.application);
  }

  /** The phase a running stage is in. */
  static ReprocessPhase running(Stage stage) {
    return switch (stage) {
      case Silver -> ReprocessPhase.RunningSilver;
      case Gold -> ReprocessPhase.RunningGold;
      case Maintenance -> ReprocessPhase.RunningMaintenance;
    };
  }

  /** The stage whose SparkApplication runs in {@code phase}, or null when none does. */
  static Stage runningIn(ReprocessPhase phase) {
    return switch (phase) {
      case RunningSilver -> Stage.Silver;
      case RunningGold -> Stage.Gold;
      case RunningMaintenance -> Stage.Maintenance;
      default -> null;
    };
  }

  /** The stage after {@code stage} in run order that was requested, or null. */
  static Stage after(Stage stage, List<Stage> requested) {
    return ordered(requested).stream().filter(st -> st.ordinal() > stage.ordinal()).findFirst().orElse(null);
  }

  /** Requested stages in run order (Silver, Gold, Maintenance), whatever order the spec lists them in. */
  static List<Stage> ordered(List<Stage> requested) {
    return List.of(Stage.values()).stream().filter(requested::contains).toList();
  }

  /** The first requested stage whose plan is not NOOP (Maintenance, without a plan, always runs), or null. */
  static Stage firstRunnable(ReprocessStatus s, List<Stage> requested) {
    return ordered(requested).stream().filter(st -> !st.planned() || of(s, st).plan.mode != PlanMode.NOOP)
        .findFirst().orElse(null);
  }

  /** The first requested stage with a plan, or null when only Maintenance was asked for. */
  static Stage firstPlanned(List<Stage> requested) {
    return ordered(requested).stream().filter(Stage::planned).findFirst().orElse(null);
  }

  /** Moves the run to a new attempt: a new deterministic SparkApplication name, no observed state yet. */
  static void nextAttempt(String reprocess, Stage stage, StageStatus run) {
    run.attempt = run.attempt + 1;
    run.application = ChildNames.stage(reprocess, stage, run.plan, run.attempt);
    run.state = null;
    run.errorMessage = null;
  }
}
