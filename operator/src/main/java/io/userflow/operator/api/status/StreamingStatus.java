package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The streaming job's recovery unit: what a resubmit resumes from. */
public class StreamingStatus {
  @JsonPropertyDescription("Name of the owned streaming SparkApplication.")
  public String application;

  @JsonPropertyDescription("SparkApplication state reported by the spark-operator, or Suspended.")
  public String state;

  @JsonPropertyDescription("Checkpoint location the streaming application was submitted with and resumes from; a "
      + "spec that names another is refused (ReingestRefused) unless annotated "
      + "userflow.io/migrate-checkpoint-location=<new value>.")
  public String checkpointLocation;

  @JsonPropertyDescription("Kafka topic the streaming application was submitted with; a spec that names another is "
      + "refused (ReingestRefused) unless annotated userflow.io/migrate-topic=<new value>.")
  public String topic;

  @JsonPropertyDescription("Last Bronze snapshot committed by the streaming query.")
  public Long lastCommittedBronzeSnapshotId;

  @JsonPropertyDescription("Micro-batch id of that commit (userflow.batch-id).")
  public String lastBatchId;

  @JsonPropertyDescription("Kafka end offsets covered by that commit (userflow.kafka-offsets).")
  public String kafkaOffsets;

  @JsonPropertyDescription("Driver restarts of the current SparkApplication (execution attempts - 1).")
  public Integer restarts;

  @JsonPropertyDescription("Hash of the submitted SparkApplication spec; a change means a resubmit.")
  public String specHash;
}
