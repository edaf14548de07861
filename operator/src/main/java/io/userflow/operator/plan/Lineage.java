package io.userflow.operator.plan;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import java.util.Optional;

/** Reads the lineage userflow jobs write into snapshot summaries. Pure. */
public final class Lineage {
  private Lineage() {}

  /** The newest snapshot in the current ancestry that carries {@link LineageKeys#SOURCE_SNAPSHOT_ID}. */
  public static Optional<SnapshotFact> latest(SourceHistory target) {
    return target.currentAncestry().stream()
        .filter(s -> parseLong(s.summary().get(LineageKeys.SOURCE_SNAPSHOT_ID)) != null)
        .findFirst();
  }

  /** What the target's snapshot summaries say about the last run that wrote it. */
  public static TargetState targetState(SourceHistory target) {
    return latest(target)
        .map(s -> new TargetState(parseLong(s.summary().get(LineageKeys.SOURCE_SNAPSHOT_ID)),
            s.summary().get(LineageKeys.TRANSFORM_VERSION), s.snapshotId()))
        .orElse(TargetState.never());
  }

  /**
   * Source snapshots committed after the last processed one: the ancestors of the current snapshot newer than it;
   * all of them when nothing was processed or the processed one is no longer an ancestor.
   */
  public static int lag(SourceHistory source, TargetState target) {
    return source.after(target.lastProcessedSourceSnapshotId()).size();
  }

  static Long parseLong(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
