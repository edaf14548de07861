package io.userflow.operator.api.status;

/** Where a TrainingSet is; Succeeded and Failed never change. */
public enum TrainingSetPhase {
  Pending,
  /** The snapshots are recorded and the training-set job runs. */
  Running,
  Succeeded,
  Failed;

  public boolean isTerminal() {
    return this == Succeeded || this == Failed;
  }
}
