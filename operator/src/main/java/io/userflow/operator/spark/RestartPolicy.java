package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** v1beta2 RestartPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RestartPolicy {
  public static final String NEVER = "Never";
  public static final String ON_FAILURE = "OnFailure";
  public static final String ALWAYS = "Always";

  /** Never, OnFailure or Always. */
  public String type;
  /** Retries after a failed run (OnFailure). */
  public Integer onFailureRetries;
  /** Seconds between those retries. */
  public Long onFailureRetryInterval;
  /** Retries after a failed submission. */
  public Integer onSubmissionFailureRetries;
  /** Seconds between those retries. */
  public Long onSubmissionFailureRetryInterval;

  public static RestartPolicy never() {
    RestartPolicy p = new RestartPolicy();
    p.type = NEVER;
    return p;
  }

  public static RestartPolicy always(long retryIntervalSeconds) {
    RestartPolicy p = new RestartPolicy();
    p.type = ALWAYS;
    p.onFailureRetryInterval = retryIntervalSeconds;
    p.onSubmissionFailureRetryInterval = retryIntervalSeconds;
    return p;
  }
}
