package io.userflow.jobs.bronze;

import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.core.layout.TableLayout;
import java.util.Objects;

/**
 * Everything a Bronze run needs, typed. Build it from the command line ({@link BronzeJob}) or with
 * {@link #of} and the withers.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic topic to read
 * @param startingOffsets {@code earliest}, {@code latest} or Spark's per-partition JSON; only used without a checkpoint
 * @param checkpoint checkpoint location (path or URI); with the table, the exactly-once state
 * @param trigger available-now or processing-time
 * @param pipeline pipeline name written to lineage
 * @param runId run id written to lineage; null means the streaming query id
 * @param transformVersion version of the Bronze transform written to lineage
 * @param maxOffsetsPerTrigger at most this many records per micro-batch; null for no limit
 * @param layout where the Bronze table lives
 * @param security how the Kafka client authenticates and encrypts
 */
public record BronzeSettings(
    String bootstrapServers,
    String topic,
    String startingOffsets,
    String checkpoint,
    TriggerSpec trigger,
    String pipeline,
    String runId,
    String transformVersion,
    Long maxOffsetsPerTrigger,
    TableLayout layout,
    KafkaSecurity security) {

  public static final String DEFAULT_STARTING_OFFSETS = "earliest";
  public static final String DEFAULT_PIPELINE = "local";
  public static final String DEFAULT_TRANSFORM_VERSION = "bronze-1";

  public BronzeSettings {
    requireText("bootstrap servers", bootstrapServers);
    requireText("topic", topic);
    requireText("starting offsets", startingOffsets);
    requireText("checkpoint", checkpoint);
    Objects.requireNonNull(trigger, "trigger");
    requireText("pipeline", pipeline);
    requireText("transform version", transformVersion);
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(security, "security");
    if (runId != null && runId.isBlank()) {
      runId = null;
    }
    if (maxOffsetsPerTrigger != null && maxOffsetsPerTrigger < 1) {
      throw new IllegalArgumentException("max offsets per trigger must be at least 1, got " + maxOffsetsPerTrigger);
    }
  }

  /** Earliest offsets, available-now, pipeline {@value #DEFAULT_PIPELINE}, no batch size limit, PLAINTEXT. */
  public static BronzeSettings of(String bootstrapServers, String topic, String checkpoint, TableLayout layout) {
    return new BronzeSettings(bootstrapServers, topic, DEFAULT_STARTING_OFFSETS, checkpoint, TriggerSpec.availableNow(),
        DEFAULT_PIPELINE, null, DEFAULT_TRANSFORM_VERSION, null, layout, KafkaSecurity.plaintext());
  }

  public BronzeSettings withTrigger(TriggerSpec v) {
    return new BronzeSettings(bootstrapServers, topic, startingOffsets, checkpoint, v, pipeline, runId, transformVersion, maxOffsetsPerTrigger, layout, security);
  }

  public BronzeSettings withPipeline(String v) {
    return new BronzeSettings(bootstrapServers, topic, startingOffsets, checkpoint, trigger, v, runId, transformVersion, maxOffsetsPerTrigger, layout, security);
  }

  public BronzeSettings withRunId(String v) {
    return new BronzeSettings(bootstrapServers, topic, startingOffsets, checkpoint, trigger, pipeline, v, transformVersion, maxOffsetsPerTrigger, layout, security);
  }

  public BronzeSettings withTransformVersion(String v) {
    return new BronzeSettings(bootstrapServers, topic, startingOffsets, checkpoint, trigger, pipeline, runId, v, maxOffsetsPerTrigger, layout, security);
  }

  public BronzeSettings withMaxOffsetsPerTrigger(Long v) {
    return new BronzeSettings(bootstrapServers, topic, startingOffsets, checkpoint, trigger, pipeline, runId, transformVersion, v, layout, security);
  }

  public BronzeSettings withSecurity(KafkaSecurity v) {
    return new BronzeSettings(bootstrapServers, topic, startingOffsets, checkpoint, trigger, pipeline, runId, transformVersion, maxOffsetsPerTrigger, layout, v);
  }

  /** Spark name of the Bronze table: {@code catalog.namespace.table}. */
  public String table() {
    return layout.sparkName(layout.bronze());
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
  }
}
