package io.userflow.operator.decide;

import io.userflow.core.planner.PlanMode;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.api.spec.Patterns;
import io.userflow.operator.naming.Hashes;
import java.util.ArrayList;
import java.util.List;

/**
 * What an approval binds: the plans of the stages up to and including the first one that runs (mode, date range,
 * source snapshot ids, estimated files and bytes). A later stage's plan is provisional (it is planned again once
 * the stage before it has published), so it is not part of what is approved. Pure.
 */
record PlanFingerprint(String hash, String summary) {
  static final int HASH_LENGTH = Patterns.PLAN_HASH_LENGTH;

  static PlanFingerprint of(ReprocessStatus s, List<Stage> requested) {
    List<String> parts = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Stage stage : StageRuns.ordered(requested)) {
      if (!stage.planned()) {
        continue;
      }
      StagePlan p = stage.runOrNew(s).plan;
      String range = p.dateRange == null ? "" : p.dateRange.from + ".." + p.dateRange.to;
      parts.addAll(List.of(stage.name(), String.valueOf(p.mode), range, String.valueOf(p.fromSnapshotId),
          String.valueOf(p.toSnapshotId), String.valueOf(p.estimatedFiles), String.valueOf(p.estimatedBytes)));
      lines.add(stage + " " + p.mode + (range.isEmpty() ? "" : " dates " + range) + " source snapshots "
          + p.snapshotRange + " (" + p.estimatedFiles + " files, " + p.estimatedBytes + " bytes)");
      if (p.mode != PlanMode.NOOP) {
        break;
      }
    }
    return new PlanFingerprint(Hashes.hex(HASH_LENGTH, parts.toArray(String[]::new)), String.join("; ", lines));
  }

  @Override
  public String toString() {
    return summary + " [plan " + hash + "]";
  }
}
