package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.userflow.core.contract.JobOptions;

/** Settings of the Silver and Gold batch jobs that Reprocess runs. */
public class BatchSpec {
  @Default("" + JobOptions.SESSION_GAP_MINUTES_DEFAULT)
  @Min(1)
  @Max(1440)
  @JsonPropertyDescription("Inactivity gap in minutes that closes a session.")
  public int sessionGapMinutes = JobOptions.SESSION_GAP_MINUTES_DEFAULT;

  @Default("" + JobOptions.REJECT_RATIO_THRESHOLD_DEFAULT)
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Silver quality gate: above this share of rejected records the run fails unpublished.")
  public double rejectRatioThreshold = JobOptions.REJECT_RATIO_THRESHOLD_DEFAULT;

  @Default("" + JobOptions.FULL_REBUILD_SHARE_DEFAULT)
  @Min(value = 0, inclusive = false)
  @Max(1)
  @JsonPropertyDescription("In Auto mode, rebuild fully when new records exceed this share of the source table.")
  public double fullRebuildShare = JobOptions.FULL_REBUILD_SHARE_DEFAULT;

  @Default("" + JobOptions.MAX_UNREQUESTED_SHRINK_DEFAULT)
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("A FULL run nobody asked for (no lineage, expired history, a new transform) that would remove"
      + " more than this share of Silver's rows is refused by Silver's gate; a Full Reprocess publishes it.")
  public double maxUnrequestedShrink = JobOptions.MAX_UNREQUESTED_SHRINK_DEFAULT;

  @JsonPropertyDescription("Silver's range and size rules (docs/EVENTS.md); unset fields keep the Silver job's defaults.")
  public EventRulesSpec eventRules;

  @JsonPropertyDescription("Driver cores and memory of the batch jobs.")
  public SparkResources driver = new SparkResources();

  @JsonPropertyDescription("Executor cores, memory and count of the batch jobs.")
  public SparkResources executor = SparkResources.of(1, "2g", 2);
}
