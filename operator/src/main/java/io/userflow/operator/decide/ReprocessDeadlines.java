package io.userflow.operator.decide;

import io.userflow.operator.api.spec.DeadlinesSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.spark.AppState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deadlines of {@link DeadlinesSpec}, counted from the times the status records ({@code phaseSince}, a stage's
 * {@code stateSince}), so a restarted operator keeps them. A deadline that has passed fails the Reprocess before
 * anything else is asked (no catalog call: an outage cannot keep it from failing) and deletes the stage's
 * application. Pure.
 */
final class ReprocessDeadlines {
  private ReprocessDeadlines() {}

  /** Stamps when the phase (and a stage's application state) was entered; a status without a stamp starts now. */
  static void stamp(ReprocessStatus s, ReprocessPhase entered, Instant now) {
    if (s.phaseSince == null || s.phase != entered) {
      s.phaseSince = format(now);
    }
  }

  /** Fails the Reprocess when a deadline of its current phase has passed. */
  static void enforce(ReprocessStatus s, DeadlinesSpec deadlines, ReprocessOutcomes outcomes, List<String> delete,
      Instant now) {
    DeadlinesSpec d = deadlines == null ? new DeadlinesSpec() : deadlines;
    if (s.phaseSince == null || !s.phase.isActive()) {
      return;
    }
    Instant since = Instant.parse(s.phaseSince);
    Stage stage = Stage.runningIn(s.phase);
    StageStatus run = stage == null ? null : stage.run(s);
    if (s.phase == ReprocessPhase.AwaitingApproval) {
      if (passed(since, d.approvalMinutes, now)) {
        outcomes.fail(null, EventReason.DeadlineExceeded, "Nobody approved plan " + s.planHash + " within "
            + d.approvalMinutes + " minutes (spec.deadlines.approvalMinutes).");
      }
    } else if (run != null && run.state == AppState.UNKNOWN && run.stateSince != null
        && passed(Instant.parse(run.stateSince), d.unknownStateMinutes, now)) {
      delete.add(run.application);
      outcomes.fail(stage, EventReason.DeadlineExceeded, "SparkApplication " + run.application + " was in state "
          + "UNKNOWN for more than " + d.unknownStateMinutes + " minutes (spec.deadlines.unknownStateMinutes); it "
          + "was deleted.");
    } else if (phaseWithDeadline(s.phase) && passed(since, d.stageMinutes, now)) {
      Stage failed = stage != null ? stage : s.phase == ReprocessPhase.Validating ? Stage.Silver : null;
      if (run != null && run.application != null) {
        delete.add(run.application);
      }
      outcomes.fail(failed, EventReason.DeadlineExceeded, "Phase " + s.phase + " did not finish within "
          + d.stageMinutes + " minutes (spec.deadlines.stageMinutes)" + (run == null ? "" : "; SparkApplication "
          + run.application + " was last " + run.state + " and was deleted") + ": a hung driver, or a catalog that "
          + "stayed unreachable.");
    }
  }

  /** When the next deadline of an active status falls, for the reconciler to come back then. */
  static Optional<Instant> next(ReprocessStatus s, DeadlinesSpec deadlines) {
    DeadlinesSpec d = deadlines == null ? new DeadlinesSpec() : deadlines;
    if (s.phaseSince == null || !s.phase.isActive()) {
      return Optional.empty();
    }
    Instant since = Instant.parse(s.phaseSince);
    Stage stage = Stage.runningIn(s.phase);
    StageStatus run = stage == null ? null : stage.run(s);
    Optional<Instant> unknown = run != null && run.state == AppState.UNKNOWN && run.stateSince != null
        ? Optional.of(Instant.parse(run.stateSince).plus(Duration.ofMinutes(d.unknownStateMinutes)))
        : Optional.empty();
    Optional<Instant> phase = s.phase == ReprocessPhase.AwaitingApproval
        ? Optional.of(since.plus(Duration.ofMinutes(d.approvalMinutes)))
        : phaseWithDeadline(s.phase) ? Optional.of(since.plus(Duration.ofMinutes(d.stageMinutes))) : Optional.empty();
    return Stream.of(unknown, phase).flatMap(Optional::stream).min(Instant::compareTo);
  }

  /** A stage's application state changed: its UNKNOWN deadline counts from now. */
  static void stateSeen(StageStatus run, AppState state, Instant now) {
    if (run.state != state || state != null && run.stateSince == null) {
      run.stateSince = format(now);
    }
  }

  private static boolean phaseWithDeadline(ReprocessPhase phase) {
    return phase == ReprocessPhase.Planning || phase == ReprocessPhase.Validating || Stage.runningIn(phase) != null;
  }

  private static boolean passed(Instant since, int minutes, Instant now) {
    return !now.isBefore(since.plus(Duration.ofMinutes(minutes)));
  }

  private static String format(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
