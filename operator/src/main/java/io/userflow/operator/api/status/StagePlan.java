package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.operator.api.spec.DateRangeSpec;

/** The planner's decision for one stage, as shown before and during the run. */
public class StagePlan {
  @JsonPropertyDescription("NOOP, INCREMENTAL or FULL.")
  public PlanMode mode;

  @JsonPropertyDescription("Stable reason code, e.g. APPENDS_ONLY or TRANSFORM_VERSION_CHANGED.")
  public PlanReason reason;

  @JsonPropertyDescription("One sentence explaining the decision.")
  public String message;

  @JsonPropertyDescription("Source table the stage reads.")
  public String sourceTable;

  @JsonPropertyDescription("Last processed source snapshot (exclusive start); absent for FULL.")
  public Long fromSnapshotId;

  @JsonPropertyDescription("Source snapshot processed up to, inclusive.")
  public Long toSnapshotId;

  @JsonPropertyDescription("Source snapshot range label 'from..to'.")
  public String snapshotRange;

  @JsonPropertyDescription("Source snapshots in range.")
  public Integer snapshotCount;

  @JsonPropertyDescription("Estimated records to read.")
  public Long estimatedRecords;

  @JsonPropertyDescription("Estimated data files to read.")
  public Long estimatedFiles;

  @JsonPropertyDescription("Estimated bytes to read.")
  public Long estimatedBytes;

  @JsonPropertyDescription("Requested event-date range, if any.")
  public DateRangeSpec dateRange;

  @JsonPropertyDescription("Partitions the run rewrites.")
  public PartitionsStatus partitions;

  @JsonPropertyDescription("Gold: the declared feature tables rebuilt in full because their group is new or its"
      + " definition changed, e.g. 'table product_daily (changed: added carts)'.")
  public java.util.List<String> rebuilds;
}
