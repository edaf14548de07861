package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.userflow.operator.spark.AppState;

/** One stage of a Reprocess: its plan and its SparkApplication attempts. */
public class StageStatus {
  @JsonPropertyDescription("The stage plan; absent for Maintenance, which has none.")
  public StagePlan plan;

  @JsonPropertyDescription("Name of the current attempt's SparkApplication.")
  public String application;

  @JsonPropertyDescription("Current attempt number, from 1; part of the SparkApplication name.")
  public Integer attempt;

  @JsonPropertyDescription("Failed attempts since the stage last started or resumed.")
  public Integer failedAttempts;

  @JsonPropertyDescription("SparkApplication state of the current attempt.")
  public AppState state;

  @JsonPropertyDescription("When the current attempt's SparkApplication entered its state (RFC 3339).")
  public String stateSince;

  @JsonPropertyDescription("Error message the spark-operator reported for the current attempt.")
  public String errorMessage;
}
