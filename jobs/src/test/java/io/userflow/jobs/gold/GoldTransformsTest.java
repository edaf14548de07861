package io.userflow.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default feature groups compiled to Spark produce today's Gold: the hand-written transforms' schemas and rows,
 * on a simulated stream with late, duplicate and out-of-order events, for all dates and for a few.
 */
class GoldTransformsTest extends LocalSparkTest {
  private static Dataset<Row> silver;

  @BeforeAll
  static void simulatedSilver() {
    TableLayout layout = TableLayout.defaults().inNamespace("gtt");
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(23).withUsers(30)
        .withStart(Instant.parse("2026-10-01T00:00:00Z")).withDuration(Duration.ofDays(10))
        .withFaults(FaultRates.defaults().toBuilder().duplicate(0.05).late(0.08).outOfOrder(0.05).build()));
    new FakeBronze(spark, layout).append(sim.lastSendTime(), sim.values());
    SilverStage.run(spark, layout, RunContext.of("test", "s1", PlanRequest.auto(SilverStage.TRANSFORM_VERSION)),
        SilverStageTest.LENIENT);
    silver = spark.table(layout.sparkName(layout.silver())).cache();
  }

  private static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected) {
    // names, order and types; nullability is the optimiser's inference (Gold's tables are all nullable)
    assertThat(actual.schema().asNullable()).isEqualTo(expected.schema().asNullable());
    long count = expected.count();
    assertThat(count).isPositive();
    assertThat(actual.count()).isEqualTo(count);
    assertThat(actual.exceptAll(expected).count()).isZero();
    assertThat(expected.exceptAll(actual).count()).isZero();
  }

  @Test
  void theSchemasAreTodays() {
    assertThat(GoldSchema.DAILY).isEqualTo(HandWrittenGold.DAILY);
    assertThat(GoldSchema.ROLLING).isEqualTo(HandWrittenGold.ROLLING);
    assertThat(GoldSchema.MONEY).isEqualTo(HandWrittenGold.MONEY);
  }

  @Test
  void everyDateEqualsTheHandWrittenTransforms() {
    Dataset<Row> daily = GoldTransforms.daily(silver, null).cache();
    Dataset<Row> expectedDaily = HandWrittenGold.daily(silver, null).cache();
    assertSameRows(daily, expectedDaily);
    assertThat(daily.filter("session_count > 0 and avg_session_seconds > 0 and revenue > 0"
        + " and distinct_products_viewed > 0").count()).as("the sample exercises every feature").isPositive();
    assertSameRows(GoldTransforms.rolling(daily, null), HandWrittenGold.rolling(expectedDaily, null));
  }

  @Test
  void someDatesEqualTheHandWrittenTransforms() {
    List<LocalDate> dates = List.of(LocalDate.parse("2026-10-03"), LocalDate.parse("2026-10-04"),
        LocalDate.parse("2026-10-09"));
    assertSameRows(GoldTransforms.daily(silver, dates), HandWrittenGold.daily(silver, dates));
    Dataset<Row> allDaily = HandWrittenGold.daily(silver, null);
    List<LocalDate> asOf = List.of(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-12"));
    assertSameRows(GoldTransforms.rolling(allDaily, new TreeSet<>(asOf)), HandWrittenGold.rolling(allDaily, asOf));
  }
}
