package io.userflow.bench;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultKind;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.SimulatedRecord;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.spark.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;

/**
 * Incremental Silver+Gold run time for one new day on top of N days of history, divided by a full rebuild of the
 * same N+1 days in the same session, with the rows each stage rewrote against the rows its changes reach. History
 * arrives one Bronze snapshot per day, as a streaming stage would commit.
 */
public final class IncrementalBench {
  /** Events a simulated session has on average (page views, product views, carts, purchases). */
  static final double EVENTS_PER_SESSION = 8.0;
  /** The late-data-heavy case: this share of a day's events arrives 1 to {@link #LATE_MAX_DAYS} days late. */
  static final double LATE_SHARE = 0.10;
  static final int LATE_MAX_DAYS = 5;

  private IncrementalBench() {}

  /**
   * What to simulate.
   *
   * @param historyDays history lengths
   * @param users simulated users
   * @param eventsPerDay events per day (0: the simulator's default of two sessions per user and day)
   * @param lateHeavyDays history length of one more run where {@link #LATE_SHARE} of the new day's events arrive
   *     1–5 days late (0: no such run)
   */
  public record Options(int[] historyDays, int users, long eventsPerDay, int lateHeavyDays) {}

  /** One run's figures. */
  public record Figure(String label, int historyDays, long events, double incrementalSeconds, double fullSeconds,
      SilverResult silver, GoldResult gold, long newDayEvents, long incrementalPeakHeapBytes) {
    public double ratio() {
      return incrementalSeconds / fullSeconds;
    }

    /** Rows Silver wrote ÷ rows of the sessions it changed (a session rewrite: 1.0). */
    public double silverRewrite() {
      return silver.rowsInChangedSessions() == 0 ? 0 : (double) silver.rowsWritten() / silver.rowsInChangedSessions();
    }

    /**
     * Rows Gold wrote ÷ the daily and rolling rows it recomputed (the rows of the dates its changes reach): the share
     * of those rows the new data changed.
     */
    public double goldRewrite() {
      return gold.rowsRecomputed() == 0 ? 0 : (double) (gold.dailyRows() + gold.rollingRows()) / gold.rowsRecomputed();
    }

    public String plans() {
      return "silver " + silver.plan().mode() + "/" + silver.plan().reason() + " " + silver.affectedDates().size()
          + " dates, gold " + gold.plan().mode() + "/" + gold.plan().reason() + " "
          + (gold.plan().mode() == PlanMode.FULL ? "all" : gold.dailyDates().size() + " dates"
              + (gold.plan().partitions().goldRowLevel() ? " row-level" : " whole"));
    }
  }

  /** A point of the cost curve: {@code eventsPerDay} a day (two sessions a user) over {@code historyDays} days. */
  public record CurvePoint(int historyDays, long eventsPerDay) {
    /** {@code <days>x<events>}, e.g. {@code 30x50000}. */
    public static CurvePoint parse(String text) {
      String[] parts = text.strip().split("x");
      if (parts.length != 2) {
        throw new IllegalArgumentException("a cost-curve point is <history days>x<events a day>, e.g. 30x50000: " + text);
      }
      return new CurvePoint(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    int users() {
      return (int) Math.max(1, Math.round(eventsPerDay / (2 * EVENTS_PER_SESSION)));
    }
  }

  /**
   * The incremental run's cost at each point: how it grows with the new day's volume and with the history; with
   * {@code withFull} each point's full rebuild too (its ratio). The same warm-up as {@link #run} first.
   */
  public static List<Figure> curve(SparkSession spark, List<CurvePoint> points, boolean withFull, Progress progress) {
    warmUp(spark, progress);
    List<Figure> out = new ArrayList<>();
    for (CurvePoint p : points) {
      out.add(one(spark, new Options(new int[] {p.historyDays()}, p.users(), p.eventsPerDay(), 0), p.historyDays(),
          false, withFull, progress));
    }
    return out;
  }

  private static void warmUp(SparkSession spark, Progress progress) {
    Figure warm = one(spark, new Options(new int[] {2}, 20, 0, 0), 2, false, true, progress);
    progress.say(String.format("incremental: warm-up done (%.1f s incremental, %.1f s full; not reported)",
        warm.incrementalSeconds(), warm.fullSeconds()));
  }

  public static List<Figure> run(SparkSession spark, Options options, Progress progress) {
    // the first runs in a JVM load and compile the code of every step (the merge's included); that cost is not
    // the incremental path's, so it is paid once here on a small history, before anything is measured
    warmUp(spark, progress);
    List<Figure> out = new ArrayList<>();
    for (int days : options.historyDays()) {
      out.add(one(spark, options, days, false, true, progress));
    }
    if (options.lateHeavyDays() > 0) {
      out.add(one(spark, options, options.lateHeavyDays(), true, true, progress));
    }
    return out;
  }

  private static Figure one(SparkSession spark, Options options, int days, boolean lateHeavy, boolean withFull,
      Progress progress) {
    String label = days + "d" + (lateHeavy ? "_late" : "");
    TableLayout layout = TableLayout.defaults().inNamespace("bench_" + label + "_" + options.users() + "u"
        + (options.eventsPerDay() > 0 ? "_" + options.eventsPerDay() + "epd" : ""));
    DirectBronze bronze = new DirectBronze(spark, layout);
    Seeded seeded = seed(options, days, lateHeavy, bronze);
    progress.say(String.format("incremental %s: %d days of history (%,d records, %,d on the new day) in Bronze; full"
        + " run to set up", label, days, seeded.events() - seeded.newDay().size(), seeded.newDay().size()));
    runStages(spark, layout, RequestedMode.AUTO, "setup");
    bronze.append(seeded.newDay());
    MemoryPeaks peaks = MemoryPeaks.start("incremental");
    long t0 = System.nanoTime();
    Result inc = runStages(spark, layout, RequestedMode.AUTO, "inc");
    double incSeconds = (System.nanoTime() - t0) / 1e9;
    long peakHeap = peaks.heapBytes();
    progress.say(String.format("incremental %s: 1 new day -> %.1f s (silver wrote %,d rows, gold %,d; peak heap %,d MB)",
        label, incSeconds, inc.silver().rowsWritten(), inc.gold().dailyRows() + inc.gold().rollingRows(), peakHeap >> 20));
    double full = Double.NaN;
    if (withFull) {
      t0 = System.nanoTime();
      runStages(spark, layout, RequestedMode.FULL, "full");
      full = (System.nanoTime() - t0) / 1e9;
      progress.say(String.format("incremental %s: full rebuild of %d days -> %.1f s, ratio %.3f", label, days + 1,
          full, incSeconds / full));
    }
    return new Figure(label, days, seeded.events(), incSeconds, full, inc.silver(), inc.gold(), seeded.newDay().size(),
        peakHeap);
  }

  /** The simulated events in all, and the new day's records, not yet in Bronze. */
  private record Seeded(long events, List<SimulatedRecord> newDay) {}

  /**
   * Simulates {@code days} + 1 days, appends the first {@code days} to Bronze a snapshot a day and keeps only the new
   * day's records: the history's records are garbage once written (15 million at 500k events a day).
   */
  private static Seeded seed(Options options, int days, boolean lateHeavy, DirectBronze bronze) {
    SimulationOptions sim0 = SimulationOptions.defaults().withUsers(options.users())
        .withStart(Instant.parse("2026-06-01T00:00:00Z")).withDuration(Duration.ofDays(days + 1L))
        .withFaults(FaultRates.defaults());
    if (options.eventsPerDay() > 0) {
      sim0 = sim0.withSessionsPerUserPerDay(options.eventsPerDay() / (options.users() * EVENTS_PER_SESSION));
    }
    Simulation sim = EventSimulator.generate(sim0);
    List<List<SimulatedRecord>> perDay = new ArrayList<>();
    sim.arrivalBatches(days + 1).forEach(b -> perDay.add(new ArrayList<>(b.records())));
    if (lateHeavy) {
      holdBack(perDay, sim0.start().plus(Duration.ofDays(days)));
    }
    for (int d = 0; d < days; d++) {
      bronze.append(perDay.get(d));
    }
    return new Seeded(sim.size(), perDay.get(days));
  }

  /**
   * Moves {@link #LATE_SHARE} of the new day's event count out of the batches of the {@link #LATE_MAX_DAYS} days
   * before it into the new day's batch, sent during the new day: events 1–5 days late.
   */
  private static void holdBack(List<List<SimulatedRecord>> perDay, Instant newDay) {
    int last = perDay.size() - 1;
    long want = Math.round(LATE_SHARE * perDay.get(last).size());
    SplittableRandom rnd = new SplittableRandom(11);
    int from = Math.max(0, last - LATE_MAX_DAYS);
    for (long moved = 0; moved < want; ) {
      List<SimulatedRecord> day = perDay.get(from + rnd.nextInt(last - from));
      if (day.isEmpty()) {
        continue;
      }
      SimulatedRecord r = day.remove(rnd.nextInt(day.size()));
      Instant sent = newDay.plusMillis((long) (rnd.nextDouble() * Duration.ofDays(1).toMillis()));
      perDay.get(last).add(new SimulatedRecord(r.key(), r.value(), sent, FaultKind.LATE, r.session()));
      moved++;
    }
  }

  private record Result(SilverResult silver, GoldResult gold) {}

  private static Result runStages(SparkSession spark, TableLayout layout, RequestedMode mode, String run) {
    SilverResult silver = SilverStage.run(spark, layout, RunContext.of("bench", run,
        new PlanRequest(mode, SilverStage.TRANSFORM_VERSION, JobOptions.FULL_REBUILD_SHARE_DEFAULT, null)), SilverStage.Settings.defaults());
    GoldResult gold = GoldStage.run(spark, layout, RunContext.of("bench", run,
        new PlanRequest(mode, GoldStage.TRANSFORM_VERSION, 0.5, null)));
    if (silver.gateFailed()) {
      throw new IllegalStateException("bench data failed the Silver gate: " + silver.gate().failed());
    }
    return new Result(silver, gold);
  }
}
