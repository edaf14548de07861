package io.userflow.operator.decide;

import io.userflow.core.planner.PlanMode;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.naming.ChildNames;
import java.util.List;

/**
 * Small rules about a Reprocess's stage runs: whether one is recorded, attempt numbering, run order (where each
 * lives in status is {@link Stage#runOrNew}). Pure.
 */
final class StageRuns {
  private StageRuns() {}

  /** Whether the stored status {@code stored} names {@code application} as the stage's current child. */
  static boolean recorded(ReprocessStatus stored, Stage stage, String application) {
    StageStatus run = stored == null ? null : stage.run(stored);
    return run != null && application != null && application.equals(run.application);
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
    return ordered(requested).stream().filter(st -> !st.planned() || st.runOrNew(s).plan.mode != PlanMode.NOOP)
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
