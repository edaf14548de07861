package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Desired state of a FeaturePipeline. */
public class FeaturePipelineSpec {
  @Required
  @JsonPropertyDescription("Kafka topic the raw events arrive on.")
  public KafkaSourceSpec source;

  @Required
  @JsonPropertyDescription("Iceberg catalog holding the pipeline's tables.")
  public CatalogSpec catalog;

  @JsonPropertyDescription("Table names per layer.")
  public TablesSpec tables = new TablesSpec();

  @Required
  @JsonPropertyDescription("Streaming Bronze job; its image and transform version also run the batch jobs.")
  public StreamingSpec streaming;

  @JsonPropertyDescription("Event fields Silver keeps beyond its own columns, with their rules, and the accepted event"
      + " types (docs/EVENTS.md); absent: today's contract.")
  public EventsSpec events;

  @JsonPropertyDescription("Feature groups Gold writes as tables of their own beside the default ones (docs/FEATURES.md);"
      + " a changed group's table alone is rebuilt.")
  public FeaturesSpec features;

  @JsonPropertyDescription("Silver and Gold batch job settings.")
  public BatchSpec batch = new BatchSpec();

  @JsonPropertyDescription("How many finished Reprocesses of this pipeline are kept (like a CronJob's job history "
      + "limits); the operator deletes older finished ones.")
  public ReprocessHistorySpec reprocessHistory = new ReprocessHistorySpec();

  @Default("false")
  @JsonPropertyDescription("Stop the streaming job; setting it back to false resumes from the checkpoint.")
  public boolean suspend;
}
