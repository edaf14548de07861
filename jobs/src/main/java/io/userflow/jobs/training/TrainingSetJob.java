package io.userflow.jobs.training;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.training.FeatureRef;
import io.userflow.jobs.spark.CatalogConnectionOptions;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.JsonOutput;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Training-set entry point ({@code ./userflow training-set}, and a SparkApplication's main class). Exit codes: 0
 * written, 1 error, 2 bad options; every failure prints one {@code error:} line. docs/TRAINING_SETS.md states the
 * rules.
 */
@Command(name = "training-set", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Add to each entity row the features as they were at its time: never from later events and, with"
        + " --as-known-at, never from what was committed after it.")
public class TrainingSetJob implements Callable<Integer> {
  @Option(names = JobOptions.CATALOG_NAME, defaultValue = TableLayout.DEFAULT_CATALOG, description = "Iceberg catalog name")
  String catalogName;

  /** Which catalog and how to reach it, as for the stages. */
  @Mixin CatalogConnectionOptions connection = new CatalogConnectionOptions();

  @Option(names = CatalogOptions.LOCAL_DIR, defaultValue = CatalogOptions.LOCAL_DIR_DEFAULT,
      description = "Local catalog root when --catalog-uri is absent")
  Path localDir;

  @Option(names = JobOptions.NAMESPACE, defaultValue = TableLayout.DEFAULT_NAMESPACE,
      description = "Namespace of the feature tables")
  String namespace;

  @Option(names = "--master", description = "Spark master for local runs, e.g. local[2]; leave out under spark-submit")
  String master;

  @Option(names = JobOptions.ENTITIES, required = true, paramLabel = "FILE",
      description = "Entity rows: .csv (with a header), .jsonl/.json/.ndjson or .parquet")
  String entities;

  @Option(names = JobOptions.ENTITY_COLUMN, defaultValue = JobOptions.ENTITY_COLUMN_DEFAULT, description = "The entity rows' key column")
  String entityColumn;

  @Option(names = JobOptions.TIMESTAMP_COLUMN, defaultValue = JobOptions.TIMESTAMP_COLUMN_DEFAULT,
      description = "The entity rows' label time: a timestamp or ISO-8601 text with an offset")
  String timestampColumn;

  @Option(names = JobOptions.FEATURES, required = true, split = ",", paramLabel = "TABLE.FEATURE",
      description = "Features to add: TABLE.FEATURE or TABLE.* (every feature of TABLE), comma-separated")
  List<String> features;

  @Option(names = JobOptions.OUT, required = true, paramLabel = "PATH",
      description = "Output folder (must not exist): its name ends in .parquet, .csv or .jsonl")
  String out;

  @Option(names = JobOptions.AS_KNOWN_AT,
      description = "Also leave out what was committed after each label's time (late events, backfills), from the"
          + " tables' snapshot history")
  boolean asKnownAt;

  @Option(names = JobOptions.SNAPSHOT, paramLabel = "TABLE=ID", split = ",",
      description = "Read TABLE as of snapshot ID (from an earlier run's summary) to reproduce it: in event-time mode"
          + " the snapshot read; with --as-known-at the newest snapshot any label sees")
  Map<String, Long> snapshots = new LinkedHashMap<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLines.options(spec, () -> TableLayout.requireIdentifier(JobOptions.NAMESPACE, namespace));
    CommandLines.options(spec, () -> TableLayout.requireIdentifier(JobOptions.CATALOG_NAME, catalogName));
    TrainingSetRequest request = CommandLines.options(spec, () -> new TrainingSetRequest(entities, entityColumn,
        timestampColumn, features.stream().map(FeatureRef::parse).toList(), out, asKnownAt, snapshots));
    SparkSession spark = Sessions.create("userflow-training-set",
        CommandLines.options(spec, () -> connection.settings(catalogName, localDir)), master);
    try {
      TrainingSetResult result = TrainingSetStage.run(spark, catalogName + "." + namespace + ".", request);
      spec.commandLine().getOut().println(JsonOutput.toJson(result));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new TrainingSetJob());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
