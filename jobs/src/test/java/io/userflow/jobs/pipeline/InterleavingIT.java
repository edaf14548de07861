package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.pipeline.Interleaving.Kind;
import io.userflow.jobs.pipeline.Interleaving.Op;
import io.userflow.jobs.pipeline.ReferenceModel.Features;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Consistency while the pipeline is operated (Jepsen-style): a seeded generator of operation sequences over one
 * fault-injected stream ({@link Interleaving}); after each sequence everything is drained, and Silver, rejects and
 * both Gold tables must equal a FULL run over the same Bronze and the plain-Java {@link ReferenceModel}.
 *
 * <p>The suite runs {@link #SUITE_SEEDS}. {@code -Dinterleavings=N} runs seeds 1..N instead (the soak, see
 * bench/README.md), {@code -Dinterleavings.from=F} starts it at seed F so one soak can be split across JVMs;
 * {@code -Dinterleaving.seed=S} replays one seed. A failure names its seed and the history.
 */
class InterleavingIT {
  /** Seeds the suite runs: between them every kind of operation, and ranged runs over unprocessed data. */
  static final long[] SUITE_SEEDS = {6, 8, 13, 27};
  static final int LENGTH = 12;
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final int DAYS = 3;

  @TempDir static Path dir;
  static SparkSession spark;
  static LocalBroker broker;
  static Simulation sim;
  static ReferenceModel reference;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.start(dir.resolve("lake"), TableLayout.DEFAULT_CATALOG);
    broker = SharedBroker.get();
    FaultRates faults = FaultRates.defaults().toBuilder().duplicate(0.06).late(0.06).outOfOrder(0.05)
        .malformed(0.02).wrongType(0.01).nullKey(0.01).build();
    sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(5).withUsers(15).withStart(START)
        .withDuration(Duration.ofDays(DAYS)).withFaults(faults));
    reference = ReferenceModel.of(sim.records(), IncrementalEqualsFullIT.REASON);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Stream<Long> seeds() {
    String replay = System.getProperty("interleaving.seed", "");
    if (!replay.isBlank()) {
      return Stream.of(Long.parseLong(replay.trim()));
    }
    String soak = System.getProperty("interleavings", "");
    if (soak.isBlank()) {
      return LongStream.of(SUITE_SEEDS).boxed();
    }
    long from = Long.parseLong(System.getProperty("interleavings.from", "1").trim());
    return LongStream.rangeClosed(from, Long.parseLong(soak.trim())).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyInterleavingEndsEqualToAFullRunAndTheReference(long seed) {
    LocalDate first = START.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1);
    Interleaving interleaving = Interleaving.generate(seed, LENGTH, first, first.plusDays(DAYS + 1));
    runAndCheck("s" + seed, interleaving);
  }

  /**
   * The case a new user hits first: one batch streamed and processed, a second streamed into Bronze but not yet
   * processed, then a backfill of two dates through Silver and Gold, then a third batch and the usual runs. The
   * second batch must not be lost, in or out of the backfilled dates.
   */
  @Test
  void aBackfillWhileBronzeHoldsUnprocessedAppendsLosesNothing() {
    DateRange range = DateRange.parse("2026-10-02", "2026-10-03");
    runAndCheck("backfill", new Interleaving(0, List.of(Op.of(Kind.ARRIVE), Op.of(Kind.BRONZE), Op.of(Kind.SILVER),
        Op.of(Kind.GOLD), Op.of(Kind.ARRIVE), Op.of(Kind.BRONZE), Op.ranged(Kind.SILVER_RANGE, range),
        Op.ranged(Kind.GOLD_RANGE, range), Op.of(Kind.ARRIVE), Op.of(Kind.BRONZE), Op.of(Kind.SILVER), Op.of(Kind.GOLD))));
  }

  /**
   * Two writers of one table at once, each pair on real pending work: the second writer runs whole while the first
   * stands after writing its candidate. The second commits; the first fails with a conflict, publishes nothing, and
   * its rerun commits; once drained every table is what a FULL run and the reference give. Maintenance is the second
   * writer after the tables it compacts got several files each.
   */
  @Test
  void twoWritersOfOneTableAtOnceOneCommitsTheOtherFailsAndItsRerunConverges() {
    DateRange range = DateRange.parse("2026-10-01", "2026-10-02");
    Op silverPair = new Op(Kind.CONCURRENT, Kind.SILVER, Kind.SILVER, CommitBoundary.SILVER_CANDIDATE_WRITTEN, null);
    Op silverAndMaintenance = new Op(Kind.CONCURRENT, Kind.SILVER, Kind.MAINTAIN,
        CommitBoundary.REJECTS_CANDIDATE_WRITTEN, null);
    Op goldAndMaintenance = new Op(Kind.CONCURRENT, Kind.GOLD, Kind.MAINTAIN, CommitBoundary.GOLD_CANDIDATES_WRITTEN,
        null);
    Op goldAndRangedGold = new Op(Kind.CONCURRENT, Kind.GOLD_FULL, Kind.GOLD_RANGE,
        CommitBoundary.GOLD_CANDIDATES_WRITTEN, range);
    Op arrive = Op.of(Kind.ARRIVE);
    Op bronze = Op.of(Kind.BRONZE);
    List<String> history = runAndCheck("writers", new Interleaving(0, List.of(arrive, bronze, Op.of(Kind.SILVER),
        Op.of(Kind.GOLD), arrive, bronze, silverPair, arrive, bronze, silverAndMaintenance, Op.of(Kind.GOLD), arrive,
        bronze, Op.of(Kind.SILVER), goldAndMaintenance, goldAndRangedGold)));
    for (Op pair : List.of(silverPair, silverAndMaintenance, goldAndMaintenance, goldAndRangedGold)) {
      assertThat(history).as("the first writer of %s lost to the second and its rerun committed", pair)
          .anyMatch(line -> line.startsWith(pair + " -> first conflict (Another run committed to ")
              && line.contains("); rerun " + (pair.stage().silver() ? "silver " : "gold ")));
    }
  }

  private static List<String> runAndCheck(String name, Interleaving interleaving) {
    TableLayout layout = TableLayout.defaults().inNamespace("il_" + name);
    String topic = "interleaving-" + name + "-" + System.nanoTime();
    broker.createTopic(topic, 2);
    BronzeSettings bronze = BronzeSettings.of(broker.bootstrapServers(), topic,
        dir.resolve("ckpt-" + name).toString(), layout);
    InterleavingRun run = new InterleavingRun(spark, layout, bronze, sim.arrivalBatches(4), topic);
    String replay = interleaving.seed() == 0 ? name : "replay: -Dinterleaving.seed=" + interleaving.seed();
    long started = System.nanoTime();
    try {
      interleaving.ops().forEach(run::apply);
      run.drain();
      check(layout, name);
      // one line per sequence, so a soak's progress and pace can be read from its output
      System.out.printf("interleaving %s passed in %.1f s: %s%n", name, (System.nanoTime() - started) / 1e9,
          interleaving);
      return run.history();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(interleaving + " (" + replay + ")\nhistory:\n  " + String.join("\n  ", run.history())
          + "\n" + e.getMessage(), e);
    }
  }

  private static void check(TableLayout layout, String name) {
    assertThat(spark.table(layout.sparkName(layout.bronze())).count()).as("Bronze rows: each record once")
        .isEqualTo(sim.size());
    TableLayout full = TableLayout.defaults().inNamespace("il_full_" + name);
    IcebergTables.copy(spark, layout.sparkName(layout.bronze()), full.sparkName(full.bronze()));
    SilverStage.run(spark, full, RunContext.of("it", "full", new PlanRequest(RequestedMode.FULL,
        SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
    GoldStage.run(spark, full, RunContext.of("it", "full", new PlanRequest(RequestedMode.FULL,
        GoldStage.TRANSFORM_VERSION, 1.0, null)));
    for (String table : layout.allTables()) {
      if (!table.equals(layout.bronze())) {
        SilverStageTest.assertSameRows(spark, layout.sparkName(table), full.sparkName(table));
      }
    }
    assertSame("Silver", silver(layout), reference.silver);
    assertSame("rejects by reason", rejects(layout), reference.rejectsByReason);
    assertSame("daily features", features(layout, layout.goldDaily(), "feature_date"), normalized(reference.daily));
    assertSame("rolling features", features(layout, layout.goldRolling(), "as_of_date"), normalized(reference.rolling));
  }

  /** The table's rows equal the reference's; the first differences are named, not the whole maps. */
  private static <V> void assertSame(String what, Map<String, V> table, Map<String, V> expected) {
    List<String> diff = new java.util.ArrayList<>();
    expected.forEach((k, v) -> {
      if (!table.containsKey(k)) {
        diff.add("missing " + k + " = " + v);
      } else if (!table.get(k).equals(v)) {
        diff.add("differs " + k + ": table " + table.get(k) + ", reference " + v);
      }
    });
    table.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> diff.add("extra " + k + " = " + table.get(k)));
    assertThat(diff).as("%s against the reference (%d rows, reference %d): %d differences, the first: %s", what,
        table.size(), expected.size(), diff.size(), diff.subList(0, Math.min(5, diff.size()))).isEmpty();
  }

  private static Map<String, ReferenceModel.Event> silver(TableLayout layout) {
    Map<String, ReferenceModel.Event> out = new TreeMap<>();
    for (Row r : spark.table(layout.sparkName(layout.silver())).collectAsList()) {
      out.put(r.getAs("event_id"), new ReferenceModel.Event(r.getAs("event_id"), r.getAs("user_id"), r.getAs("event_type"),
          r.<Timestamp>getAs("event_time").toInstant(), r.getAs("product_id"),
          r.getAs("price") == null ? null : r.<java.math.BigDecimal>getAs("price").stripTrailingZeros(), r.getAs("quantity"),
          r.getAs("session_id"), r.<Timestamp>getAs("session_start").toInstant()));
    }
    return out;
  }

  private static Map<String, Long> rejects(TableLayout layout) {
    Map<String, Long> out = new TreeMap<>();
    spark.table(layout.sparkName(layout.rejects())).groupBy("reason_code").count().collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }

  private static Map<String, Features> features(TableLayout layout, String table, String dateColumn) {
    Map<String, Features> out = new TreeMap<>();
    boolean daily = dateColumn.equals("feature_date");
    for (Row r : spark.table(layout.sparkName(table)).collectAsList()) {
      out.put(r.getAs("user_id") + "|" + r.getAs(dateColumn), normalized(new Features(r.getAs("event_count"),
          r.getAs("session_count"), r.getAs("page_view_count"), r.getAs("product_view_count"),
          r.getAs("add_to_cart_count"), r.getAs("purchase_count"), r.getAs("revenue"),
          daily ? r.getAs("avg_session_seconds") : null, daily ? r.getAs("distinct_products_viewed") : null,
          daily ? r.<Timestamp>getAs("first_event_time").toInstant() : null,
          daily ? r.<Timestamp>getAs("last_event_time").toInstant() : null, daily ? null : r.getAs("active_days"),
          r.getAs("converted"))));
    }
    return out;
  }

  private static Map<String, Features> normalized(Map<String, Features> rows) {
    Map<String, Features> out = new TreeMap<>();
    rows.forEach((k, f) -> out.put(k, normalized(f)));
    return out;
  }

  /** Revenue at Gold's scale, 4. */
  private static Features normalized(Features f) {
    return new Features(f.events(), f.sessions(), f.pageViews(), f.productViews(), f.addToCarts(), f.purchases(),
        f.revenue() == null ? null : f.revenue().setScale(4, java.math.RoundingMode.UNNECESSARY), f.avgSessionSeconds(),
        f.distinctProductsViewed(), f.first(), f.last(), f.activeDays(), f.converted());
  }

}
