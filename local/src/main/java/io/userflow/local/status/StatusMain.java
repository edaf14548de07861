package io.userflow.local.status;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.jobs.features.FeatureOptions;
import io.userflow.jobs.spark.CatalogOptions;
import io.userflow.jobs.spark.CommandLines;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./userflow status}: per layer the current snapshot, the source snapshot it processed, what is pending and
 * what the planner would do next; the local counterpart of {@code kubectl describe fp}. Reads Iceberg metadata
 * through the Iceberg API, without Spark.
 */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Per layer: current snapshot, source snapshot processed, pending snapshots and records, next plan with its reason.")
public final class StatusMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CatalogOptions catalog;
  @Mixin FeatureOptions features = new FeatureOptions();

  @Option(names = "--topic", defaultValue = BackgroundBroker.DEFAULT_TOPIC, description = "Topic Bronze reads")
  String topic;

  @Option(names = "--bootstrap-servers",
      description = "Broker to ask for Bronze's pending records; default: the one ./userflow broker start runs, if any")
  String bootstrapServers;

  @Override
  public Integer call() {
    CatalogSettings settings = catalog.catalog();
    if (catalog.connection.catalogUri == null && !Files.exists(catalog.localDir.resolve("catalog.db"))) {
      spec.commandLine().getErr().println("No local catalog in " + catalog.localDir.toAbsolutePath()
          + ". Run ./userflow demo, or the stages (./userflow broker start, replay, bronze, silver, gold), first.");
      return 1;
    }
    String servers = bootstrapServers;
    String noBroker = null;
    if (servers == null) {
      BackgroundBroker.State broker = new BackgroundBroker(catalog.localDir).state();
      servers = broker.status() == BackgroundBroker.Status.RUNNING ? broker.bootstrapServers() : null;
      noBroker = "no broker running under " + catalog.localDir + "; ./userflow broker start, or --bootstrap-servers";
    }
    PipelineStatus status = StatusReader.read(settings, catalog.layout(), topic, servers, noBroker,
        CommandLines.options(spec, () -> features.declared(catalog.layout())));
    spec.commandLine().getOut().print(StatusText.render(status));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new StatusMain());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
