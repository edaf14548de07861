package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.operator.api.spec.DateRangeSpec;

/** The planner's decision for one stage, as shown before and during the run. */
public class StagePlan {
  /** NOOP, INCREMENTAL or FULL. */
  @JsonPropertyDescription("NOOP, INCREMENTAL or FULL.")
  public PlanMode mode;

  /** Stable reason code. */
  @JsonPropertyDescription("Stable reason code, e.g. APPENDS_ONLY or TRANSFORM_VERSION_CHANGED.")
  public PlanReason reason;

  /** One sentence explaining the decision. */
  @JsonPropertyDescription("One sentence explaining the decision.")
  public String message;

  /** Source table the stage reads. */
  @JsonPropertyDescription("Source table the stage reads.")
  public String sourceTable;

  /** Last processed source snapshot (exclusive start); absent for FULL. */
  @JsonPropertyDescription("Last processed source snapshot (exclusive start); absent for FULL.")
  public Long fromSnapshotId;

  /** Source snapshot processed up to (inclusive). */
  @JsonPropertyDescription("Source snapshot processed up to, inclusive.")
  public Long toSnapshotId;

  /** Range label from..to. */
  @JsonPropertyDescription("Source snapshot range label 'from..to'.")
  public String snapshotRange;

  /** Source snapshots in range. */
  @JsonPropertyDescription("Source snapshots in range.")
  public Integer snapshotCount;

  /** Estimated records to read. */
  @JsonPropertyDescription("Estimated records to read.")
  public Long estimatedRecords;

  /** Estimated data files to read. */
  @JsonPropertyDescription("Estimated data files to read.")
  public Long estimatedFiles;

  /** Estimated bytes to read. */
  @JsonPropertyDescription("Estimated bytes to read.")
  public Long estimatedBytes;

  /** Event-date range requested (backfill). */
  @JsonPropertyDescription("Requested event-date range, if any.")
  public DateRangeSpec dateRange;

  /** Partitions the run rewrites. */
  @JsonPropertyDescription("Partitions the run rewrites.")
  public PartitionsStatus partitions;
}
