package io.userflow.jobs.demo;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.broker.LocalBroker;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeResult;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.simulator.EventSimulator;
import io.userflow.jobs.simulator.FaultRates;
import io.userflow.jobs.simulator.KafkaEventSender;
import io.userflow.jobs.simulator.Simulation;
import io.userflow.jobs.simulator.SimulationOptions;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on an embedded default: a Kafka broker in its own JVM, Spark local mode, an Iceberg JDBC
 * catalog in a local SQLite file. simulate → Bronze → plan + Silver + Gold per arrival batch (late and duplicate
 * events spread across them) → full rebuild → compare → report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Run the whole pipeline locally and print a report.")
public final class DemoMain implements Callable<Integer> {
  @Option(names = "--local-dir", defaultValue = ".userflow", description = "Where the catalog, warehouse, broker and report go (wiped first)")
  Path localDir;

  @Option(names = "--users", defaultValue = "150", description = "Simulated users")
  int users;

  @Option(names = "--days", defaultValue = "6", description = "Simulated days")
  int days;

  @Option(names = "--batches", defaultValue = "3", description = "Arrival batches, each followed by a pipeline run")
  int batches;

  @Option(names = "--seed", defaultValue = "42", description = "Simulator seed")
  long seed;

  private final DemoProgress progress = new DemoProgress();

  @Override
  public Integer call() throws Exception {
    if (users < 1 || batches < 2 || days < batches) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--users must be >= 1, --batches >= 2 and --days >= --batches");
    }
    DemoFiles.wipe(localDir);
    int steps = 4 + batches;
    progress.step(1, steps, "starting a Kafka broker in its own JVM");
    try (LocalBroker broker = LocalBroker.start(localDir.resolve("kafka"))) {
      String topic = "user-events";
      broker.createTopic(topic, 2);
      progress.step(2, steps, "simulating " + users + " users over " + days + " days with faults");
      Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
      Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(seed).withUsers(users)
          .withStart(start).withDuration(Duration.ofDays(days)).withFaults(FaultRates.defaults()));
      progress.note(sim.size() + " records, injected faults: " + sim.faults().counts());
      List<Simulation> arrivals = arrivals(sim, start);

      CatalogSettings catalog = CatalogSettings.local(TableLayout.DEFAULT_CATALOG, localDir);
      SparkSession spark = Sessions.create("userflow-demo", catalog, "local[2]");
      DemoReport report = new DemoReport(sim);
      try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
        TableLayout layout = TableLayout.defaults();
        BronzeSettings bronze = BronzeSettings.of(broker.bootstrapServers(), topic,
            localDir.resolve("checkpoints/bronze").toString(), layout).withPipeline("demo");
        for (int b = 0; b < batches; b++) {
          progress.step(3 + b, steps, "arrival batch " + (b + 1) + "/" + batches + ": " + arrivals.get(b).size()
              + " records → Kafka → Bronze → Silver → Gold");
          sender.send(topic, arrivals.get(b).records());
          BronzeResult br = BronzeJob.run(spark, bronze.withRunId("batch-" + (b + 1)));
          progress.note("bronze: +" + br.rowsWritten() + " rows in " + br.snapshotIds().size() + " snapshot(s)");
          report.bronze(br);
          runStages(spark, layout, "batch-" + (b + 1), RequestedMode.AUTO, report);
        }
        progress.step(3 + batches, steps, "full rebuild from the same Bronze into namespace 'rebuild' and compare");
        TableLayout rebuild = DemoFiles.copyBronze(spark, layout, "rebuild");
        runStages(spark, rebuild, "rebuild", RequestedMode.FULL, report);
        report.compare(spark, layout, rebuild);
        progress.step(4 + batches, steps, "writing the report");
        Path html = report.render(spark, layout, localDir.resolve("report"));
        System.out.println(report.text());
        System.out.println("HTML report with charts: " + html.toAbsolutePath());
        System.out.println("Look at any table: ./userflow show silver_events --limit 20   (or ./userflow sql \"SELECT ...\")");
        return report.identical() ? 0 : 4;
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * The first batch brings all days but the last {@code batches - 1}; each later batch brings one more day, plus
   * whatever was sent late. So later runs are small next to the history, as in production.
   */
  private List<Simulation> arrivals(Simulation sim, Instant start) {
    java.util.List<Simulation> out = new java.util.ArrayList<>();
    int firstDays = days - (batches - 1);
    out.add(sim.arrivingBetween(Instant.MIN, start.plus(Duration.ofDays(firstDays))));
    for (int b = 1; b < batches; b++) {
      Instant from = start.plus(Duration.ofDays(firstDays + b - 1L));
      Instant to = b == batches - 1 ? Instant.MAX : from.plus(Duration.ofDays(1));
      out.add(sim.arrivingBetween(from, to));
    }
    return out;
  }

  private void runStages(SparkSession spark, TableLayout layout, String run, RequestedMode mode, DemoReport report) {
    SilverResult silver = SilverStage.run(spark, layout, RunContext.of("demo", run,
        new PlanRequest(mode, SilverStage.TRANSFORM_VERSION, PlanRequest.DEFAULT_FULL_REBUILD_SHARE, null)),
        SilverStage.Settings.defaults());
    progress.note("silver: " + silver.plan().mode() + " (" + silver.plan().reason() + ") +" + silver.newEvents()
        + " events, " + silver.rejects() + " rejects, " + silver.duplicatesRemoved() + " duplicates removed, gate "
        + (silver.gate().passed() ? "passed" : "FAILED " + silver.gate().failed()));
    report.silver(layout.namespace(), run, silver);
    if (silver.gateFailed()) {
      progress.note("gold: skipped, Silver was not published");
      return;
    }
    GoldResult gold = GoldStage.run(spark, layout, RunContext.of("demo", run,
        new PlanRequest(mode, GoldStage.TRANSFORM_VERSION, PlanRequest.DEFAULT_FULL_REBUILD_SHARE, null)));
    progress.note("gold: " + gold.plan().mode() + " (" + gold.plan().reason() + ") " + gold.dailyRows()
        + " daily rows, " + gold.rollingRows() + " rolling rows rewritten");
    report.gold(layout.namespace(), run, gold);
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new DemoMain()).execute(args));
  }
}
