package io.userflow.core.planner;

/**
 * What the target table's own snapshot summaries say about the last run that wrote it.
 *
 * @param lastProcessedSourceSnapshotId source snapshot the last successful run processed up to, null if none
 * @param transformVersion transform version of that run, null if none
 * @param targetSnapshotId the target snapshot carrying that lineage, null if none
 */
public record TargetState(Long lastProcessedSourceSnapshotId, String transformVersion, Long targetSnapshotId) {

  public static TargetState never() {
    return new TargetState(null, null, null);
  }

  public boolean hasPreviousRun() {
    return lastProcessedSourceSnapshotId != null;
  }
}
