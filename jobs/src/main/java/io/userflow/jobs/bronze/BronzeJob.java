package io.userflow.jobs.bronze;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.Sessions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Bronze stage: Kafka to the Iceberg Bronze table with Spark Structured Streaming, exactly once. Values are
 * kept as received. Options: {@code parse → read → transform → foreachBatch commit with lineage → result}.
 */
@Command(name = "bronze", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
    description = "Stream raw Kafka records into the Iceberg Bronze table, exactly once, with lineage in every snapshot.")
public final class BronzeJob implements Callable<Integer> {
  static final String DISABLED_V2_READERS = "spark.sql.streaming.disabledV2MicroBatchReaders";
  /** Checkpoint under --local-dir when none is given; the demo's too. */
  public static final String DEFAULT_CHECKPOINT = "checkpoints/bronze";
  static final String KAFKA_PROVIDER = "org.apache.spark.sql.kafka010.KafkaSourceProvider";

  @Spec CommandSpec spec;

  @Mixin CatalogOptions catalog;

  private final CommitHook hook;

  @Option(names = JobOptions.BOOTSTRAP_SERVERS, required = true,
      description = "Kafka bootstrap servers (./userflow bronze passes the broker ./userflow broker start runs)")
  String bootstrapServers;

  @Option(names = JobOptions.TOPIC, required = true,
      description = "Topic to read (./userflow bronze passes the local broker's topic unless given)")
  String topic;

  @Option(names = JobOptions.STARTING_OFFSETS, defaultValue = BronzeSettings.DEFAULT_STARTING_OFFSETS,
      description = "earliest, latest or Spark's offsets JSON; used only without a checkpoint")
  String startingOffsets;

  @Option(names = JobOptions.CHECKPOINT, description = "Checkpoint location; keep it to resume exactly once. Default: checkpoints/bronze under --local-dir")
  String checkpoint;

  @Option(names = JobOptions.TRIGGER, defaultValue = TriggerSpec.AVAILABLE_NOW,
      description = "available-now or processing-time:<n>(ms|s|m|h)")
  String trigger;

  @Option(names = JobOptions.PIPELINE, defaultValue = BronzeSettings.DEFAULT_PIPELINE, description = "Pipeline name for lineage")
  String pipeline;

  @Option(names = JobOptions.RUN_ID, description = "Run id for lineage (default: the streaming query id)")
  String runId;

  @Option(names = JobOptions.TRANSFORM_VERSION, defaultValue = BronzeSettings.DEFAULT_TRANSFORM_VERSION,
      description = "Transform version for lineage")
  String transformVersion;

  @Option(names = "--max-offsets-per-trigger", description = "At most this many records per micro-batch")
  Long maxOffsetsPerTrigger;

  @Option(names = JobOptions.SECURITY_PROTOCOL, defaultValue = "PLAINTEXT",
      description = "Kafka security.protocol: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); the SASL user, "
          + "password and PEM CA come from env " + KafkaSecurity.USER_ENV + ", " + KafkaSecurity.PASSWORD_ENV + ", "
          + KafkaSecurity.CA_ENV)
  KafkaSecurity.Protocol securityProtocol;

  @Option(names = JobOptions.SASL_MECHANISM, defaultValue = "SCRAM-SHA-512",
      description = "SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (default: ${DEFAULT-VALUE})")
  String saslMechanism;

  /** Where the credentials come from: the pod's environment (Secret references), or a test's map. */
  private final Map<String, String> env;

  public BronzeJob() {
    this(CommitHook.NONE, System.getenv());
  }

  BronzeJob(Map<String, String> env) {
    this(CommitHook.NONE, env);
  }

  private BronzeJob(CommitHook hook, Map<String, String> env) {
    this.hook = hook;
    this.env = env;
  }

  @Override
  public Integer call() {
    BronzeSettings settings = settings();
    CatalogSettings catalogSettings = CommandLines.options(spec, catalog::catalog);
    SparkSession spark = Sessions.create("userflow-bronze", catalogSettings, catalog.master);
    try {
      BronzeResult result = start(spark, settings, hook).awaitTermination();
      spec.commandLine().getOut().println(result.toJson());
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  BronzeSettings settings() {
    return CommandLines.options(spec, () -> new BronzeSettings(
        bootstrapServers, topic, startingOffsets,
        checkpoint != null ? checkpoint : catalog.localDir.resolve(DEFAULT_CHECKPOINT).toAbsolutePath().toString(),
        TriggerSpec.parse(trigger), pipeline, runId, transformVersion, maxOffsetsPerTrigger, catalog.layout(),
        KafkaSecurity.fromEnv(securityProtocol, KafkaSecurity.Mechanism.of(saslMechanism), env)));
  }

  /** Runs the stream to its end (available-now) or until it fails or is stopped (processing-time). */
  public static BronzeResult run(SparkSession spark, BronzeSettings settings) {
    return start(spark, settings).awaitTermination();
  }

  /** Creates the table if missing and starts the stream; the caller waits for or stops it. */
  public static BronzeQuery start(SparkSession spark, BronzeSettings settings) {
    return start(spark, settings, CommitHook.NONE);
  }

  /** As {@link #start(SparkSession, BronzeSettings)}, telling {@code hook} after each micro-batch's Iceberg commit. */
  public static BronzeQuery start(SparkSession spark, BronzeSettings settings, CommitHook hook) {
    long t0 = System.nanoTime();
    useKafkaSourceV1(spark);
    BronzeTable.ensure(spark, settings.layout());
    DataStreamReader reader = spark.readStream().format("kafka")
        .option("kafka.bootstrap.servers", settings.bootstrapServers())
        .option("subscribe", settings.topic())
        .option("startingOffsets", settings.startingOffsets());
    for (Map.Entry<String, String> kafka : settings.security().clientProperties().entrySet()) {
      reader = reader.option("kafka." + kafka.getKey(), kafka.getValue());
    }
    if (settings.maxOffsetsPerTrigger() != null) {
      reader = reader.option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger());
    }
    Dataset<Row> bronze = BronzeTransform.toBronze(reader.load());
    BronzeBatchWriter writer = new BronzeBatchWriter(settings, hook);
    try {
      StreamingQuery query = bronze.writeStream()
          .queryName("bronze-" + settings.topic())
          .option("checkpointLocation", settings.checkpoint())
          .trigger(settings.trigger().toSparkTrigger())
          .foreachBatch(writer)
          .start();
      return new BronzeQuery(settings, query, writer, t0);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Bronze stream for topic " + settings.topic() + " did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Spark 4.1.1's Kafka micro-batch stream (V2) fails the first micro-batch after a restart that replays an
   * uncommitted batch: its progress metrics dereference offsets that only a fresh batch sets (SPARK-55271,
   * a NullPointerException in KafkaMicroBatchStream.metrics). That is exactly the crash-recovery path, so
   * Bronze reads Kafka through the V1 source, which has the same offsets, options and checkpoint format.
   */
  static void useKafkaSourceV1(SparkSession spark) {
    String disabled = spark.conf().get(DISABLED_V2_READERS, "");
    if (!List.of(disabled.split(",")).contains(KAFKA_PROVIDER)) {
      spark.conf().set(DISABLED_V2_READERS, disabled.isBlank() ? KAFKA_PROVIDER : disabled + "," + KAFKA_PROVIDER);
    }
  }

  /** A configured command line; a bad option (exit 2) or a failure (exit 1) prints one {@code error:} line. */
  public static CommandLine commandLine() {
    return commandLine(CommitHook.NONE);
  }

  /** As {@link #commandLine()}, telling {@code hook} at each commit boundary. */
  public static CommandLine commandLine(CommitHook hook) {
    return CommandLines.withErrorLine(new BronzeJob(hook, System.getenv()));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
