package io.userflow.operator.decide;

import io.userflow.core.planner.AffectedPartitions;
import io.userflow.core.planner.RunPlan;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.status.PartitionsStatus;
import io.userflow.operator.api.status.StagePlan;

/** Turns a core RunPlan into the status shape shown by kubectl. Pure. */
public final class PlanStatuses {
  private PlanStatuses() {}

  public static StagePlan of(RunPlan plan) {
    StagePlan s = new StagePlan();
    s.mode = plan.mode();
    s.reason = plan.reason();
    s.message = plan.message();
    s.sourceTable = plan.sourceTable();
    s.fromSnapshotId = plan.fromSnapshotExclusive();
    s.toSnapshotId = plan.toSnapshotInclusive();
    s.snapshotRange = plan.snapshotRange();
    s.snapshotCount = plan.snapshotCount();
    s.estimatedRecords = plan.records();
    s.estimatedFiles = plan.files();
    s.estimatedBytes = plan.bytes();
    s.dateRange = plan.range() == null ? null
        : DateRangeSpec.of(plan.range().from().toString(), plan.range().to().toString());
    s.partitions = partitions(plan.partitions());
    s.rebuilds = plan.rebuilds().isEmpty() ? null
        : plan.rebuilds().stream().map(io.userflow.core.features.DefinitionChange::describe).toList();
    return s;
  }

  public static PartitionsStatus partitions(AffectedPartitions p) {
    PartitionsStatus s = new PartitionsStatus();
    s.all = p.all();
    s.description = p.describe();
    s.silverDates = p.silverDates().isEmpty() ? null : DateRanges.compact(p.silverDates());
    s.goldDailyDates = p.goldDailyDates().isEmpty() ? null : DateRanges.compact(p.goldDailyDates());
    s.goldRollingDates = p.goldRollingDates().isEmpty() ? null : DateRanges.compact(p.goldRollingDates());
    return s;
  }

  /** The CamelCase condition reason for a planner reason code: APPENDS_ONLY → AppendsOnly. */
  public static String camel(String code) {
    StringBuilder out = new StringBuilder();
    for (String part : code.toLowerCase(java.util.Locale.ROOT).split("_")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
