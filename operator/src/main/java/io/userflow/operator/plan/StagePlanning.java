package io.userflow.operator.plan;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.AffectedPartitions;
import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SnapshotPlanner;
import io.userflow.core.planner.SourceHistory;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.model.ReprocessValidator;
import java.time.LocalDate;
import java.util.TreeSet;

/**
 * Plans one stage with core's SnapshotPlanner: source Bronze for Silver, Silver for Gold; target lineage from the
 * target's snapshot summaries. Pure.
 */
public final class StagePlanning {
  private static final SnapshotPlanner PLANNER = new SnapshotPlanner();

  private StagePlanning() {}

  public static PlanRequest request(ReprocessSpec reprocess, FeaturePipelineSpec pipeline) {
    DateRange range = ReprocessValidator.range(reprocess);
    RequestedMode mode = RequestedMode.valueOf(reprocess.mode.name().toUpperCase(java.util.Locale.ROOT));
    return new PlanRequest(mode, pipeline.streaming.transformVersion, pipeline.batch.fullRebuildShare, range);
  }

  public static RunPlan silver(SourceHistory bronze, SourceHistory silver, PlanRequest request) {
    return PLANNER.plan(bronze, Lineage.targetState(silver), request);
  }

  /**
   * Gold reads Silver. For an incremental Gold run the partitions are known from Silver's own lineage: the event
   * dates the Silver commits in range rewrote ({@link LineageKeys#AFFECTED_DATES}).
   */
  public static RunPlan gold(SourceHistory silver, SourceHistory goldDaily, PlanRequest request) {
    RunPlan plan = PLANNER.plan(silver, Lineage.targetState(goldDaily), request);
    if (plan.mode() != PlanMode.INCREMENTAL) {
      return plan;
    }
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (SnapshotFact s : silver.currentAncestry()) {
      if (plan.fromSnapshotExclusive() != null && s.snapshotId() == plan.fromSnapshotExclusive()) {
        break;
      }
      dates.addAll(AffectedPartitions.parse(s.summary().get(LineageKeys.AFFECTED_DATES)));
    }
    return new RunPlan(plan.mode(), plan.reason(), plan.message(), plan.sourceTable(), plan.fromSnapshotExclusive(),
        plan.toSnapshotInclusive(), plan.snapshotCount(), plan.records(), plan.files(), plan.bytes(),
        dates.isEmpty() ? plan.partitions() : AffectedPartitions.forEventDates(dates));
  }
}
