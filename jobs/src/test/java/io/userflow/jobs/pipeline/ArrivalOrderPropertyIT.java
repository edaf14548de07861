package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.features.RandomDefinitions;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A property of the incremental path: whatever order the records arrive in and however they are cut into
 * batches, Silver, rejects and Gold after one incremental run per batch equal a single FULL run over the same
 * Bronze. Five seeded arrangements of one fault-injected stream (duplicates, late and out-of-order events, bad
 * records): send order once, then four shuffles, each cut into 2 to 4 batches of random sizes. Each arrangement's Gold
 * also writes a random declared feature group and a window over it ({@link RandomDefinitions}, seeded by the
 * arrangement; printed), which must equal the FULL run's too. Bronze is written directly (no Kafka): what is under
 * test is Silver and Gold.
 */
class ArrivalOrderPropertyIT extends LocalSparkTest {
  private static final long SEED = 20261202L;
  private static final int ARRANGEMENTS = 5;

  /** One arrangement: the records' values in arrival order, and where each batch ends (exclusive). */
  record Arrangement(int index, List<String> values, List<Integer> cuts, boolean shuffled) {
    @Override
    public String toString() {
      return "arrangement " + index + (shuffled ? " (shuffled)" : " (send order)") + ", batch ends " + cuts;
    }
  }

  static List<Arrangement> arrangements(List<String> values, Random random) {
    List<Arrangement> out = new ArrayList<>();
    for (int i = 0; i < ARRANGEMENTS; i++) {
      List<String> order = new ArrayList<>(values);
      boolean shuffled = i != 0;
      if (shuffled) {
        Collections.shuffle(order, random);
      }
      int batches = 2 + random.nextInt(3);
      TreeSet<Integer> cuts = new TreeSet<>();
      while (cuts.size() < batches - 1) {
        cuts.add(1 + random.nextInt(order.size() - 1));
      }
      cuts.add(order.size());
      out.add(new Arrangement(i, order, List.copyOf(cuts), shuffled));
    }
    return out;
  }

  @Test
  void anyArrivalOrderAndBatchingGivesWhatOneFullRunGives() {
    FaultRates faults = FaultRates.defaults().toBuilder().duplicate(0.06).late(0.06).outOfOrder(0.05)
        .malformed(0.01).wrongType(0.01).nullKey(0.01).build();
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(11).withUsers(25)
        .withStart(Instant.parse("2026-10-01T00:00:00Z")).withDuration(Duration.ofDays(3)).withFaults(faults));
    Instant arrival = sim.lastSendTime().plus(Duration.ofHours(1));
    List<Arrangement> arrangements = arrangements(sim.values(), new Random(SEED));
    assertThat(arrangements.stream().filter(Arrangement::shuffled)).hasSize(ARRANGEMENTS - 1);

    for (Arrangement a : arrangements) {
      TableLayout inc = TableLayout.defaults().inNamespace("inc" + a.index());
      String definition = "groups:\n" + new RandomDefinitions(SEED + a.index()).groups("r" + a.index());
      System.err.println(a + ": declared groups\n" + definition);
      DeclaredGroups declared = DeclaredGroups.parse(definition, inc.allTables());
      FakeBronze bronze = new FakeBronze(spark, inc);
      int from = 0;
      for (int b = 0; b < a.cuts().size(); b++) {
        int to = a.cuts().get(b);
        // later batches are received later, as they would be from Kafka
        bronze.append(arrival.plus(Duration.ofMinutes(10L * b)), a.values().subList(from, to));
        from = to;
        SilverResult silver = SilverStage.run(spark, inc, RunContext.of("prop", "a" + a.index() + "b" + b,
            new PlanRequest(RequestedMode.AUTO, SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
        GoldResult gold = GoldStage.run(spark, inc, RunContext.of("prop", "a" + a.index() + "b" + b,
            new PlanRequest(RequestedMode.AUTO, GoldStage.TRANSFORM_VERSION, 1.0, null)), CommitHook.NONE, declared);
        PlanMode expected = b == 0 ? PlanMode.FULL : PlanMode.INCREMENTAL;
        assertThat(silver.published()).as("%s, batch %d: gate %s", a, b, silver.gate()).isTrue();
        assertThat(silver.plan().mode()).as("%s, batch %d: silver %s", a, b, silver.plan()).isEqualTo(expected);
        assertThat(gold.plan().mode()).as("%s, batch %d: gold %s", a, b, gold.plan()).isEqualTo(expected);
      }

      TableLayout full = TableLayout.defaults().inNamespace("full" + a.index());
      IcebergTables.copy(spark, inc.sparkName(inc.bronze()), full.sparkName(full.bronze()));
      SilverStage.run(spark, full, RunContext.of("prop", "full" + a.index(),
          new PlanRequest(RequestedMode.FULL, SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
      GoldStage.run(spark, full, RunContext.of("prop", "full" + a.index(),
          new PlanRequest(RequestedMode.FULL, GoldStage.TRANSFORM_VERSION, 1.0, null)), CommitHook.NONE, declared);
      List<String> tables = new ArrayList<>(List.of(inc.silver(), inc.rejects(), inc.goldDaily(), inc.goldRolling()));
      declared.groups().forEach(g -> tables.add(g.name()));
      for (String table : tables) {
        assertThat(spark.table(full.sparkName(table)).count()).as("%s: %s is not empty", a, table).isPositive();
        SilverStageTest.assertSameRows(spark, inc.sparkName(table), full.sparkName(table));
      }
    }
  }
}
