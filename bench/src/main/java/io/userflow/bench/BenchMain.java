package io.userflow.bench;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.jobs.bronze.TriggerSpec;
import io.userflow.jobs.spark.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the benchmarks and prints ratios measured in this one run (machine speed cancels out of a ratio). */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true, description = "userflow benchmarks; prints ratios measured in one run")
public final class BenchMain implements Callable<Integer> {
  @Option(names = "--work-dir", defaultValue = "bench/target/bench-work", description = "Scratch directory, wiped first")
  Path workDir;

  @Option(names = "--only", split = ",",
      description = "Subset: planner, incremental, ingest, training-set, cost-curve (default: the first three; the others"
          + " only when named)")
  List<String> only = List.of("planner", "incremental", "ingest");

  @Option(names = "--history-days", split = ",", defaultValue = "7,30,90", description = "History lengths for the incremental benchmark")
  int[] historyDays;

  @Option(names = "--users", defaultValue = "200", description = "Simulated users for the incremental benchmark")
  int users;

  @Option(names = "--events-per-day", defaultValue = "0",
      description = "Events per simulated day in the incremental benchmark (0: two sessions per user and day, about 16 per user)")
  long eventsPerDay;

  @Option(names = "--late-heavy-days", defaultValue = "30",
      description = "History length of the incremental benchmark's late-data run (10%% of the new day's events 1-5 days late); 0: none")
  int lateHeavyDays;

  @Option(names = "--curve", split = ",", defaultValue = "30x5000,30x50000,30x500000,7x50000,90x50000",
      description = "Points of the cost curve, <history days>x<events a day> (two sessions a user a day); the incremental"
          + " run of each, without a full rebuild")
  List<String> curve;

  @Option(names = "--curve-full", description = "Also rebuild each cost-curve point in full and print the ratio")
  boolean curveFull;

  @Option(names = "--ingest-events", defaultValue = "2000000", description = "Events in the ingest benchmark's topic")
  long ingestEvents;

  @Option(names = "--ingest-commit-interval", defaultValue = "5s",
      description = "Bronze's processing-time trigger and the Connect sink's commit interval (e.g. 5s, 10000ms)")
  String ingestCommitInterval;

  @Option(names = "--ingest-max-offsets-per-trigger", defaultValue = "500000",
      description = "Bronze's maxOffsetsPerTrigger in the ingest benchmark, so available-now commits more than once")
  long ingestMaxOffsets;

  @Option(names = "--ingest-sinks", split = ",", description = "Ingest sinks: ${COMPLETION-CANDIDATES} (default: all)")
  List<IngestBench.Sink> ingestSinks = List.of(IngestBench.Sink.values());

  @Option(names = "--training-entity-rows", defaultValue = "1000000", description = "Entity rows of the training-set benchmark")
  long trainingEntityRows;

  @Option(names = "--training-days", defaultValue = "30", description = "Days of Gold history the training set reads")
  int trainingDays;

  @Option(names = "--training-users", defaultValue = "12000", description = "Users in the training-set benchmark's Gold tables")
  int trainingUsers;

  @Option(names = "--training-events-per-day", defaultValue = "50000",
      description = "Events per day the training-set benchmark's synthetic Gold aggregates stand for")
  long trainingEventsPerDay;

  @Option(names = "--training-modes", split = ",", defaultValue = "event-time,as-known-at",
      description = "Training-set modes to measure: event-time, as-known-at")
  List<String> trainingModes;

  @Override
  public Integer call() throws Exception {
    wipe(workDir);
    Progress progress = new Progress();
    List<String> report = new ArrayList<>();
    if (only.contains("planner")) {
      Map<Integer, Double> planner = PlannerBench.run(new int[] {100, 1_000, 10_000}, progress);
      double base = planner.get(100);
      planner.forEach((n, us) -> report.add(String.format("planner   %,7d snapshots: %8.1f us/plan   ratio to 100: %6.1f", n, us, us / base)));
    }
    if (only.contains("ingest")) {
      Duration interval = TriggerSpec.parse(TriggerSpec.PROCESSING_TIME + ingestCommitInterval).interval();
      IngestBench.Figure f = IngestBench.run(workDir.resolve("ingest"),
          new IngestBench.Options(ingestEvents, interval, ingestMaxOffsets, ingestSinks), progress);
      report.addAll(IngestReport.lines(f));
    }
    if (only.contains("incremental")) {
      SparkSession spark = Sessions.create("userflow-bench", CatalogSettings.local("userflow", workDir.resolve("catalog")), "local[2]");
      try {
        var options = new IncrementalBench.Options(historyDays, users, eventsPerDay, lateHeavyDays);
        for (IncrementalBench.Figure f : IncrementalBench.run(spark, options, progress)) {
          report.add(String.format("increment %-8s (%,d events): incremental %.1f s / full %.1f s = %.3f;"
              + "  silver rows written / in changed sessions = %,d / %,d = %.3f;  gold rows written / recomputed = %,d / %,d = %.3f;"
              + "  incremental peak heap %,d MB  [%s]",
              f.label(), f.events(), f.incrementalSeconds(), f.fullSeconds(), f.ratio(), f.silver().rowsWritten(),
              f.silver().rowsInChangedSessions(), f.silverRewrite(), f.gold().dailyRows() + f.gold().rollingRows(),
              f.gold().rowsRecomputed(), f.goldRewrite(), f.incrementalPeakHeapBytes() >> 20, f.plans()));
        }
      } finally {
        spark.stop();
      }
    }
    if (only.contains("cost-curve")) {
      SparkSession spark = Sessions.create("userflow-bench", CatalogSettings.local("userflow", workDir.resolve("catalog")), "local[2]");
      try {
        List<IncrementalBench.CurvePoint> points = curve.stream().map(IncrementalBench.CurvePoint::parse).toList();
        List<IncrementalBench.Figure> figures = IncrementalBench.curve(spark, points, curveFull, progress);
        for (int i = 0; i < figures.size(); i++) {
          IncrementalBench.Figure f = figures.get(i);
          report.add(String.format("curve %3d days x %,9d events/day (new day %,d events): incremental %.1f s%s;  silver"
              + " wrote %,d rows, gold %,d;  peak heap %,d MB  [%s]", f.historyDays(), points.get(i).eventsPerDay(),
              f.newDayEvents(), f.incrementalSeconds(), curveFull
                  ? String.format(" / full %.1f s = %.3f", f.fullSeconds(), f.ratio()) : "", f.silver().rowsWritten(),
              f.gold().dailyRows() + f.gold().rollingRows(), f.incrementalPeakHeapBytes() >> 20, f.plans()));
        }
      } finally {
        spark.stop();
      }
    }
    if (only.contains("training-set")) {
      SparkSession spark = Sessions.create("userflow-bench", CatalogSettings.local("userflow", workDir.resolve("catalog")), "local[2]");
      try {
        report.addAll(TrainingSetBench.run(spark, workDir.resolve("training-set"), new TrainingSetBench.Options(
            trainingEntityRows, trainingDays, trainingUsers, trainingEventsPerDay, trainingModes), progress));
      } finally {
        spark.stop();
      }
    }
    System.out.println();
    System.out.println("userflow benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ")");
    report.forEach(System.out::println);
    return 0;
  }

  private static void wipe(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }
}
