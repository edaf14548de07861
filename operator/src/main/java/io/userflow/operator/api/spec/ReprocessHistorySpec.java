package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * How many finished Reprocesses of a pipeline are kept, like a CronJob's successfulJobsHistoryLimit and
 * failedJobsHistoryLimit: when one finishes, the operator deletes the oldest finished ones beyond these limits.
 */
public class ReprocessHistorySpec {
  /** Default of {@link #successfulLimit}, as a CronJob's successfulJobsHistoryLimit. */
  public static final int DEFAULT_SUCCESSFUL_LIMIT = 3;
  /** Default of {@link #failedLimit}, as a CronJob's failedJobsHistoryLimit. */
  public static final int DEFAULT_FAILED_LIMIT = 1;

  @Default("" + DEFAULT_SUCCESSFUL_LIMIT)
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Succeeded and Skipped Reprocesses of this pipeline kept (the newest); older ones are "
      + "deleted when a Reprocess finishes.")
  public int successfulLimit = DEFAULT_SUCCESSFUL_LIMIT;

  @Default("" + DEFAULT_FAILED_LIMIT)
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Failed Reprocesses of this pipeline kept (the newest, which can still be retried); "
      + "older ones are deleted when a Reprocess finishes.")
  public int failedLimit = DEFAULT_FAILED_LIMIT;
}
