package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/**
 * How long a Reprocess may wait in one place before it fails with its recovery unit and next step, freeing the
 * pipeline's queue: nothing it waits for (an approval, a driver, the catalog) can hold the queue forever.
 */
public class DeadlinesSpec {
  /** A week: a Manual plan is looked at within working days or not at all. */
  public static final int APPROVAL_MINUTES = 7 * 24 * 60;
  /** The spark-operator reports UNKNOWN while it cannot see the driver pod; longer than this it is lost. */
  public static final int UNKNOWN_STATE_MINUTES = 15;
  /** Half a day: far beyond a full rebuild of the largest table here, short of holding the queue overnight twice. */
  public static final int STAGE_MINUTES = 12 * 60;

  @Default("10080")
  @Min(1)
  @JsonPropertyDescription("Minutes a Manual Reprocess waits in AwaitingApproval before it fails (default a week).")
  public int approvalMinutes = APPROVAL_MINUTES;

  @Default("15")
  @Min(1)
  @JsonPropertyDescription("Minutes a stage's SparkApplication may stay in state UNKNOWN before the stage fails and "
      + "the application is deleted.")
  public int unknownStateMinutes = UNKNOWN_STATE_MINUTES;

  @Default("720")
  @Min(1)
  @JsonPropertyDescription("Minutes one phase (Planning, a stage's run with its retries, Validating) may take before "
      + "the Reprocess fails and the stage's application is deleted: a hung driver or a catalog that stays "
      + "unreachable.")
  public int stageMinutes = STAGE_MINUTES;
}
