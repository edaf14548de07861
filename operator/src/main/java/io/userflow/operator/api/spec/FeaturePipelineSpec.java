package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Desired state of a FeaturePipeline. */
public class FeaturePipelineSpec {
  /** Kafka source. */
  @Required
  @JsonPropertyDescription("Kafka topic the raw events arrive on.")
  public KafkaSourceSpec source;

  /** Iceberg catalog. */
  @Required
  @JsonPropertyDescription("Iceberg catalog holding the pipeline's tables.")
  public CatalogSpec catalog;

  /** Table names per layer. */
  @JsonPropertyDescription("Table names per layer.")
  public TablesSpec tables = new TablesSpec();

  /** Streaming Bronze job. */
  @Required
  @JsonPropertyDescription("Streaming Bronze job; its image and transform version also run the batch jobs.")
  public StreamingSpec streaming;

  /** Batch Silver and Gold jobs. */
  @JsonPropertyDescription("Silver and Gold batch job settings.")
  public BatchSpec batch = new BatchSpec();

  /** Finished Reprocesses kept per pipeline. */
  @JsonPropertyDescription("How many finished Reprocesses of this pipeline are kept (like a CronJob's job history "
      + "limits); the operator deletes older finished ones.")
  public ReprocessHistorySpec reprocessHistory = new ReprocessHistorySpec();

  /** Stop the streaming job; it resumes from its checkpoint when set back to false. */
  @Default("false")
  @JsonPropertyDescription("Stop the streaming job; setting it back to false resumes from the checkpoint.")
  public boolean suspend;
}
