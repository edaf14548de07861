package io.userflow.local.demo;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.CatalogType;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeResult;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.local.demo.DemoArrivals.Arrival;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.features.FeatureOptions;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.Sessions;
import io.userflow.local.status.StatusReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on an embedded default: a Kafka broker in its own JVM, Spark local mode, an Iceberg JDBC
 * catalog in a local SQLite file. simulate (or the user's JSON-lines files) → Bronze → plan + Silver + Gold per
 * arrival batch (late and duplicate events spread across them) → full rebuild → compare → report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Run the whole pipeline locally, on simulated events or on your own JSON-lines files, and print a report.")
public final class DemoMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--local-dir", defaultValue = ".userflow", description = "Where the catalog, warehouse, broker and report go (wiped first)")
  Path localDir;

  @Option(names = "--catalog", defaultValue = "jdbc", paramLabel = "jdbc|rest", description = "jdbc: Iceberg's JDBC"
      + " catalog on an SQLite file under --local-dir; rest: Iceberg's REST catalog server in its own JVM (OAuth2 client"
      + " credentials), on an SQLite file under --local-dir/rest, started and stopped by the demo")
  String catalogType;

  @Option(names = "--input", split = ",", paramLabel = "FILE",
      description = "JSON-lines files instead of the simulator, one arrival batch each, in order (as replay sends them)")
  List<Path> inputs;

  @Option(names = "--users", defaultValue = "150", description = "Simulated users")
  int users;

  @Option(names = "--days", defaultValue = "6", description = "Simulated days")
  int days;

  @Option(names = "--batches", defaultValue = "3", description = "Arrival batches, each followed by a pipeline run")
  int batches;

  @Option(names = "--seed", defaultValue = "42", description = "Simulator seed")
  long seed;

  @CommandLine.Mixin FeatureOptions features = new FeatureOptions();

  private final DemoProgress progress = new DemoProgress();
  private DeclaredGroups declared = DeclaredGroups.none();

  @Override
  public Integer call() throws Exception {
    CatalogType type;
    try {
      type = CatalogType.of(catalogType);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--catalog: " + e.getMessage());
    }
    try {
      declared = features.declared(TableLayout.defaults());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<Arrival> arrivals;
    String origin;
    Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
    Simulation sim = null;
    if (inputs != null) {
      for (String simulatorOption : List.of("--users", "--days", "--batches", "--seed")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(simulatorOption)) {
          throw new ParameterException(spec.commandLine(), "--input replaces the simulator; leave out " + simulatorOption);
        }
      }
      // every file is checked before anything starts: no broker, no Spark, nothing wiped
      arrivals = DemoArrivals.files(inputs, SilverStage.Settings.defaults().rejectRatioThreshold());
      origin = "Replayed " + arrivals.stream().mapToInt(Arrival::size).sum() + " records from " + arrivals.size()
          + " file(s): " + arrivals.stream().map(a -> a.label() + " (" + a.size() + ")").collect(Collectors.joining(", "));
    } else {
      if (users < 1 || batches < 2 || days < batches) {
        throw new ParameterException(spec.commandLine(), "--users must be >= 1, --batches >= 2 and --days >= --batches");
      }
      sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(seed).withUsers(users)
          .withStart(start).withDuration(Duration.ofDays(days)).withFaults(FaultRates.defaults()));
      arrivals = DemoArrivals.simulated(sim, start, days, batches);
      origin = String.format("Simulated %d records from %d users in %d sessions; injected: %s", sim.size(),
          sim.users(), sim.sessions(), sim.faults().counts());
    }
    BackgroundBroker.State background = new BackgroundBroker(localDir).state();
    if (background.status() == BackgroundBroker.Status.RUNNING) {
      throw new ParameterException(spec.commandLine(), "the broker ./userflow broker start started runs under " + localDir
          + " (pid " + background.pid() + "), which the demo wipes first; stop it with ./userflow broker stop");
    }
    DemoFiles.wipe(localDir);
    int steps = 4 + arrivals.size();
    progress.step(1, steps, "starting a Kafka broker in its own JVM");
    try (LocalBroker broker = LocalBroker.start(localDir.resolve("kafka"));
        LocalRestCatalog restServer = type == CatalogType.REST ? LocalRestCatalog.start(localDir.resolve("rest")) : null) {
      String topic = BackgroundBroker.DEFAULT_TOPIC;
      broker.createTopic(topic, BackgroundBroker.DEFAULT_PARTITIONS);
      progress.step(2, steps, sim == null ? "reading " + arrivals.size() + " JSON-lines file(s)"
          : "simulating " + users + " users over " + days + " days with faults");
      progress.note(origin);

      CatalogSettings catalog = restServer != null ? restServer.settings(TableLayout.DEFAULT_CATALOG)
          : CatalogSettings.local(TableLayout.DEFAULT_CATALOG, localDir);
      if (restServer != null) {
        progress.note("catalog: Iceberg REST at " + restServer.uri() + " (OAuth2 client credentials), store "
            + restServer.storeUri());
      }
      SparkSession spark = Sessions.create("userflow-demo", catalog, "local[2]");
      DemoReport report = new DemoReport(origin);
      try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
        TableLayout layout = TableLayout.defaults();
        BronzeSettings bronze = BronzeSettings.of(broker.bootstrapServers(), topic,
            localDir.resolve(BronzeJob.DEFAULT_CHECKPOINT).toString(), layout).withPipeline("demo");
        for (int b = 0; b < arrivals.size(); b++) {
          Arrival arrival = arrivals.get(b);
          progress.step(3 + b, steps, "arrival batch " + (b + 1) + "/" + arrivals.size() + " (" + arrival.label() + "): "
              + arrival.size() + " records → Kafka → Bronze → Silver → Gold");
          arrival.send(sender, topic);
          BronzeResult br = BronzeJob.run(spark, bronze.withRunId("batch-" + (b + 1)));
          progress.note("bronze: +" + br.rowsWritten() + " rows in " + br.snapshotIds().size() + " snapshot(s)");
          report.bronze(br);
          runStages(spark, layout, "batch-" + (b + 1), RequestedMode.AUTO, report);
        }
        report.status(StatusReader.read(catalog, layout, topic, broker.bootstrapServers(), null, declared));
        progress.step(3 + arrivals.size(), steps, "full rebuild from the same Bronze into namespace 'rebuild' and compare");
        TableLayout rebuild = DemoFiles.copyBronze(spark, layout, "rebuild");
        runStages(spark, rebuild, "rebuild", RequestedMode.FULL, report);
        report.compare(spark, layout, rebuild, declared);
        progress.step(4 + arrivals.size(), steps, "writing the report");
        Path html = report.render(spark, layout, localDir.resolve("report"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.text());
        out.println("HTML report with charts: " + html.toAbsolutePath());
        if (restServer == null) {
          out.println("Look at any table: ./userflow show silver_events --limit 20   (or ./userflow sql \"SELECT ...\"); per layer: ./userflow status");
        } else {
          // the server stops with the demo; its JDBC store holds the same tables under the same catalog name
          String store = " --catalog-uri " + restServer.storeUri() + " --warehouse " + restServer.warehouse();
          out.println("Look at any table (the REST server stopped; its store is a JDBC catalog): ./userflow show"
              + store + " silver_events --limit 20; per layer: ./userflow status" + store);
        }
        out.flush();
        return report.identical() ? 0 : 4;
      } finally {
        spark.stop();
      }
    }
  }

  private void runStages(SparkSession spark, TableLayout layout, String run, RequestedMode mode, DemoReport report) {
    SilverResult silver = SilverStage.run(spark, layout, RunContext.of("demo", run,
        new PlanRequest(mode, SilverStage.TRANSFORM_VERSION, JobOptions.FULL_REBUILD_SHARE_DEFAULT, null)),
        SilverStage.Settings.defaults().withEvents(declared.events()));
    progress.note("silver: " + silver.plan().mode() + " (" + silver.plan().reason() + ") +" + silver.newEvents()
        + " events, " + silver.rejects() + " rejects, " + silver.duplicatesRemoved() + " duplicates removed, gate "
        + (silver.gate().passed() ? "passed" : "FAILED " + silver.gate().failed()));
    report.silver(layout.namespace(), run, silver);
    if (silver.gateFailed()) {
      progress.note("gold: skipped, Silver was not published");
      return;
    }
    GoldResult gold = GoldStage.run(spark, layout, RunContext.of("demo", run,
        new PlanRequest(mode, GoldStage.TRANSFORM_VERSION, JobOptions.FULL_REBUILD_SHARE_DEFAULT, null)),
        CommitHook.NONE, declared);
    progress.note("gold: " + gold.plan().mode() + " (" + gold.plan().reason() + ") " + gold.dailyRows()
        + " daily rows, " + gold.rollingRows() + " rolling rows rewritten" + gold.declared().stream()
        .map(d -> ", " + d.table() + " " + (d.full() ? "rebuilt" : d.dates() + " date(s)") + " " + d.rowsWritten()
            + " rows").collect(Collectors.joining()));
    report.gold(layout.namespace(), run, gold);
  }

  /** A configured command line; a failure while running prints one {@code error:} line (exit 1). */
  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new DemoMain());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
