package io.userflow.operator.api.status;

import java.util.Set;

/** Where a Reprocess is. Terminal phases never change unless a retry resumes a failure (back through Pending and the queue). */
public enum ReprocessPhase {
  Pending,
  /** Another Reprocess of the same pipeline is active; this one waits. */
  Queued,
  /**
   * Bronze has no commit yet, so there is nothing to process and nothing has been done: not finished (Succeeded
   * stays False) and not holding the pipeline; planned again on a timed re-check until Bronze has its first commit.
   */
  WaitingForBronze,
  Planning,
  /** The plan is shown; waits for a ReprocessApproval naming status.planHash. */
  AwaitingApproval,
  RunningSilver,
  /** Silver completed; checking its gate and planning Gold. */
  Validating,
  RunningGold,
  /** Compacting and expiring snapshots after the data stages. */
  RunningMaintenance,
  Succeeded,
  Failed,
  /** The plan was NOOP for every stage, on a Bronze that has commits. */
  Skipped;

  private static final Set<ReprocessPhase> ACTIVE = Set.of(Planning, AwaitingApproval, RunningSilver, Validating,
      RunningGold, RunningMaintenance);

  /** Holds the pipeline: another Reprocess of it must queue. */
  public boolean isActive() {
    return ACTIVE.contains(this);
  }

  public boolean isTerminal() {
    return this == Succeeded || this == Failed || this == Skipped;
  }
}
