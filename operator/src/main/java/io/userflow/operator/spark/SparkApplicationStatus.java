package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** v1beta2 SparkApplicationStatus, the fields userflow reads; written by the spark-operator only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SparkApplicationStatus {
  /** Current state. */
  public ApplicationState applicationState;
  /** Driver runs so far. */
  public Integer executionAttempts;
  /** Submissions so far. */
  public Integer submissionAttempts;
  /** Driver pod and UI. */
  public DriverInfo driverInfo;
  /** Spark's application id. */
  public String sparkApplicationId;
  /** When the last submission was attempted. */
  public String lastSubmissionAttemptTime;
  /** When the application terminated. */
  public String terminationTime;
}
