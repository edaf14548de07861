package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.userflow.core.planner.PlanMode;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a Reprocess; with the owned SparkApplications it is all a restarted operator needs. */
public class ReprocessStatus {
  @JsonPropertyDescription("Pending, Queued, WaitingForBronze, Planning, AwaitingApproval, RunningSilver, Validating, RunningGold, "
      + "RunningMaintenance, Succeeded, Failed or Skipped.")
  public ReprocessPhase phase;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("When the Reprocess entered its phase (RFC 3339); spec.deadlines count from it.")
  public String phaseSince;

  @JsonPropertyDescription("Plan mode of the first stage that runs: NOOP, INCREMENTAL or FULL.")
  public PlanMode mode;

  @JsonPropertyDescription("Source snapshot range of the first stage that runs.")
  public String sourceSnapshots;

  @JsonPropertyDescription("Source snapshots the first stage processes (how far behind it was).")
  public Integer lagSnapshots;

  @JsonPropertyDescription("Hash of the plan shown for approval (mode, date range, source snapshot ids, "
      + "estimated files and bytes of the stages up to the first that runs); approve exactly this plan with a "
      + "ReprocessApproval whose spec.planHash is this value.")
  public String planHash;

  @JsonPropertyDescription("The active Reprocess of the same pipeline this one waits for.")
  public String queuedBehind;

  @JsonPropertyDescription("Silver stage plan and attempts.")
  public StageStatus silver;

  @JsonPropertyDescription("Gold stage plan and attempts.")
  public StageStatus gold;

  @JsonPropertyDescription("Maintenance stage attempts; it has no plan.")
  public StageStatus maintenance;

  @JsonPropertyDescription("Failure details, present in phase Failed.")
  public FailureStatus failure;

  @JsonPropertyDescription("The failed stage a retry resumes from once the queue admits the Reprocess again "
      + "(a retried Reprocess waits for an active Reprocess of the same pipeline like any other).")
  public io.userflow.operator.api.spec.Stage resumeFrom;

  @JsonPropertyDescription("Last userflow.io/retry annotation value acted on.")
  public String retryToken;

  @JsonPropertyDescription("Conditions Succeeded, Failed, Planned, Approved and Progressing.")
  public List<Condition> conditions = new ArrayList<>();
}
