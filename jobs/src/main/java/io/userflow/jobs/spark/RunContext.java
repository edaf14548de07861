package io.userflow.jobs.spark;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.AffectedPartitions;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.planner.RunPlan;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is running and what was asked for; turns a plan into the snapshot-summary lineage of each commit.
 *
 * @param pipeline pipeline name
 * @param runId run id
 * @param request what the planner is asked
 */
public record RunContext(String pipeline, String runId, PlanRequest request) {

  public static RunContext of(String pipeline, String runId, PlanRequest request) {
    return new RunContext(pipeline, runId, request);
  }

  /**
   * The run a backfill makes first: the same stage in AUTO without the range, under its own run id (so its own audit
   * branch), to process what is pending before the range is rebuilt from everything up to now.
   */
  public RunContext catchUp() {
    return new RunContext(pipeline, runId + "-catch-up", new PlanRequest(RequestedMode.AUTO, request.transformVersion(),
        request.fullRebuildShare(), null));
  }

  /** This run's lineage as snapshot-summary properties. */
  public Map<String, String> lineage(String stage, RunPlan plan, Collection<LocalDate> affectedDates) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(LineageKeys.PIPELINE, pipeline);
    props.put(LineageKeys.STAGE, stage);
    props.put(LineageKeys.RUN_ID, runId);
    props.put(LineageKeys.TRANSFORM_VERSION, request.transformVersion());
    props.put(LineageKeys.SOURCE_TABLE, plan.sourceTable());
    if (plan.toSnapshotInclusive() != null) {
      props.put(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(plan.toSnapshotInclusive()));
    }
    props.put(LineageKeys.PLAN_MODE, plan.mode().name());
    props.put(LineageKeys.PLAN_REASON, plan.reason().name());
    props.put(LineageKeys.AFFECTED_DATES, AffectedPartitions.format(affectedDates));
    return props;
  }
}
