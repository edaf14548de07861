package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The streaming job's recovery unit: what a resubmit resumes from. */
public class StreamingStatus {
  /** Name of the owned SparkApplication. */
  @JsonPropertyDescription("Name of the owned streaming SparkApplication.")
  public String application;

  /** SparkApplication state as reported by the spark-operator. */
  @JsonPropertyDescription("SparkApplication state reported by the spark-operator, or Suspended.")
  public String state;

  /** Checkpoint location the query resumes from. */
  @JsonPropertyDescription("Checkpoint location the streaming query resumes from.")
  public String checkpointLocation;

  /** Last Bronze snapshot committed by the streaming query. */
  @JsonPropertyDescription("Last Bronze snapshot committed by the streaming query.")
  public Long lastCommittedBronzeSnapshotId;

  /** Micro-batch id of that commit. */
  @JsonPropertyDescription("Micro-batch id of that commit (userflow.batch-id).")
  public String lastBatchId;

  /** Kafka end offsets covered by that commit. */
  @JsonPropertyDescription("Kafka end offsets covered by that commit (userflow.kafka-offsets).")
  public String kafkaOffsets;

  /** Driver restarts of the current SparkApplication. */
  @JsonPropertyDescription("Driver restarts of the current SparkApplication (execution attempts - 1).")
  public Integer restarts;

  /** Hash of the submitted SparkApplication spec. */
  @JsonPropertyDescription("Hash of the submitted SparkApplication spec; a change means a resubmit.")
  public String specHash;
}
