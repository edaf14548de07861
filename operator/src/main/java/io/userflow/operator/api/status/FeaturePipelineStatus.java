package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a FeaturePipeline. */
public class FeaturePipelineStatus {
  @JsonPropertyDescription("Invalid, Starting, Running, Suspended or Degraded.")
  public PipelinePhase phase;

  @JsonPropertyDescription("metadata.generation this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("Conditions Ready, StreamingRunning and Degraded.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Streaming job and its recovery unit.")
  public StreamingStatus streaming;

  @JsonPropertyDescription("Snapshot facts per table layer.")
  public LayersStatus layers;

  @JsonPropertyDescription("Bronze snapshots not yet processed into Silver.")
  public Integer silverLagSnapshots;

  @JsonPropertyDescription("Silver snapshots not yet processed into Gold, by the lineage Gold records in its rolling"
      + " table (committed after the daily one).")
  public Integer goldLagSnapshots;
}
