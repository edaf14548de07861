package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Observed state of a TrainingSet; with its SparkApplication it is all a restarted operator needs. */
public class TrainingSetStatus {
  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  public TrainingSetPhase phase;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("event-time or as-known-at.")
  public String mode;

  @JsonPropertyDescription("Per feature table, the snapshot read as of; recorded before the job starts. A new "
      + "TrainingSet with these as spec.snapshots and the same entities reproduces this one byte for byte.")
  public Map<String, Long> snapshots = new LinkedHashMap<>();

  @JsonPropertyDescription("The training-set job's SparkApplication.")
  public String application;

  @JsonPropertyDescription("Where the training set is (written once phase is Succeeded).")
  public String output;

  @JsonPropertyDescription("When the job finished (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription("Why it failed and what to do next, present in phase Failed.")
  public String failure;

  @JsonPropertyDescription("Conditions Succeeded, Failed and Progressing.")
  public List<Condition> conditions = new ArrayList<>();
}
