package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a FeaturePipeline. */
public class FeaturePipelineStatus {
  /** Coarse phase. */
  @JsonPropertyDescription("Invalid, Starting, Running, Suspended or Degraded.")
  public PipelinePhase phase;

  /** Generation this status was computed from. */
  @JsonPropertyDescription("metadata.generation this status was computed from.")
  public Long observedGeneration;

  /** Ready, StreamingRunning, Degraded. */
  @JsonPropertyDescription("Conditions Ready, StreamingRunning and Degraded.")
  public List<Condition> conditions = new ArrayList<>();

  /** Streaming job and its recovery unit. */
  @JsonPropertyDescription("Streaming job and its recovery unit.")
  public StreamingStatus streaming;

  /** Facts per layer. */
  @JsonPropertyDescription("Snapshot facts per table layer.")
  public LayersStatus layers;

  /** Bronze snapshots not yet processed into Silver. */
  @JsonPropertyDescription("Bronze snapshots not yet processed into Silver.")
  public Integer silverLagSnapshots;

  /** Silver snapshots not yet processed into Gold, by Gold's lineage table (the rolling one). */
  @JsonPropertyDescription("Silver snapshots not yet processed into Gold, by the lineage Gold records in its rolling"
      + " table (committed after the daily one).")
  public Integer goldLagSnapshots;
}
