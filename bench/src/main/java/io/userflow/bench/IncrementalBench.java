package io.userflow.bench;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.simulator.EventSimulator;
import io.userflow.jobs.simulator.FaultRates;
import io.userflow.jobs.simulator.Simulation;
import io.userflow.jobs.simulator.SimulationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Incremental Silver+Gold run time for one new day on top of N days of history, divided by a full rebuild of the
 * same N+1 days in the same session. History arrives one Bronze snapshot per day, as a streaming stage would commit.
 */
public final class IncrementalBench {
  private IncrementalBench() {}

  /** One history length's figures. */
  public record Figure(int historyDays, long events, double incrementalSeconds, double fullSeconds, String incrementalPlan) {
    public double ratio() {
      return incrementalSeconds / fullSeconds;
    }
  }

  public static List<Figure> run(SparkSession spark, int[] historyDays, int users, Progress progress) {
    Map<Integer, Figure> out = new LinkedHashMap<>();
    for (int days : historyDays) {
      TableLayout layout = TableLayout.defaults().inNamespace("bench_" + days + "d");
      SimulationOptions options = SimulationOptions.defaults().withUsers(users)
          .withStart(Instant.parse("2026-06-01T00:00:00Z")).withDuration(Duration.ofDays(days + 1L))
          .withFaults(FaultRates.defaults());
      Simulation sim = EventSimulator.generate(options);
      List<Simulation> perDay = sim.arrivalBatches(days + 1);
      DirectBronze bronze = new DirectBronze(spark, layout);
      for (int d = 0; d < days; d++) {
        bronze.append(perDay.get(d).records());
      }
      progress.say(String.format("incremental: %d days of history (%,d records) in Bronze; full run to set up", days,
          sim.size() - perDay.get(days).size()));
      runStages(spark, layout, RequestedMode.AUTO, "setup");
      bronze.append(perDay.get(days).records());
      long t0 = System.nanoTime();
      String plan = runStages(spark, layout, RequestedMode.AUTO, "inc");
      double inc = (System.nanoTime() - t0) / 1e9;
      progress.say(String.format("incremental: 1 new day on %d -> %.1f s (%s)", days, inc, plan));
      t0 = System.nanoTime();
      runStages(spark, layout, RequestedMode.FULL, "full");
      double full = (System.nanoTime() - t0) / 1e9;
      progress.say(String.format("incremental: full rebuild of %d days -> %.1f s, ratio %.2f", days + 1, full, inc / full));
      out.put(days, new Figure(days, sim.size(), inc, full, plan));
    }
    return List.copyOf(out.values());
  }

  private static String runStages(SparkSession spark, TableLayout layout, RequestedMode mode, String run) {
    SilverResult silver = SilverStage.run(spark, layout, io.userflow.jobs.spark.RunContext.of("bench", run,
        new PlanRequest(mode, SilverStage.TRANSFORM_VERSION, 0.5, null)), SilverStage.Settings.defaults());
    GoldResult gold = GoldStage.run(spark, layout, io.userflow.jobs.spark.RunContext.of("bench", run,
        new PlanRequest(mode, GoldStage.TRANSFORM_VERSION, 0.5, null)));
    if (silver.gateFailed()) {
      throw new IllegalStateException("bench data failed the Silver gate: " + silver.gate().failed());
    }
    return "silver " + silver.plan().mode() + "/" + silver.plan().reason() + " " + silver.affectedDates().size()
        + " dates, gold " + gold.plan().mode() + " " + (gold.plan().mode() == PlanMode.FULL ? "all" : gold.dailyDates().size() + " dates");
  }
}
