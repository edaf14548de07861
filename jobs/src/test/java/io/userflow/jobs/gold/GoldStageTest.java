package io.userflow.jobs.gold;

import static io.userflow.jobs.testing.HandMadeStream.firstArrival;
import static io.userflow.jobs.testing.HandMadeStream.layout;
import static io.userflow.jobs.testing.HandMadeStream.secondArrival;
import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Gold on real Spark and Iceberg: hand-computed features, partition-exact incremental runs equal to a rebuild. */
class GoldStageTest extends LocalSparkTest {
  private static void runBoth(TableLayout layout, String run) {
    SilverStage.run(spark, layout, RunContext.of("test", run, PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), SilverStageTest.LENIENT);
    GoldStage.run(spark, layout, RunContext.of("test", run, PlanRequest.auto(GoldStage.TRANSFORM_VERSION)));
  }

  private Row daily(TableLayout layout, String user, String date) {
    return spark.table(layout.sparkName(layout.goldDaily()))
        .filter("user_id = '" + user + "' and feature_date = date'" + date + "'").first();
  }

  @Test
  void incrementalGoldEqualsRebuildAndMatchesHandComputedFeatures() {
    TableLayout inc = layout("ginc");
    FakeBronze bronze = new FakeBronze(spark, inc);
    firstArrival(bronze);
    runBoth(inc, "g1");
    secondArrival(bronze);
    SilverStage.run(spark, inc, RunContext.of("test", "g2", PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), SilverStageTest.LENIENT);
    // the rewrite touches every partition of this tiny table, so AUTO would rebuild; ask for incremental
    GoldResult second = GoldStage.run(spark, inc, RunContext.of("test", "g2", new PlanRequest(
        io.userflow.core.planner.RequestedMode.INCREMENTAL, GoldStage.TRANSFORM_VERSION, 0.5, null)));
    assertThat(second.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(second.dailyDates()).containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));
    assertThat(second.rollingDates()).hasSize(8).first().isEqualTo(LocalDate.parse("2026-11-01"));

    GoldResult again = GoldStage.run(spark, inc, RunContext.of("test", "g3", PlanRequest.auto(GoldStage.TRANSFORM_VERSION)));
    assertThat(again.plan().reason()).isEqualTo(PlanReason.NO_NEW_SNAPSHOTS);

    // only duplicates arrive: Silver commits lineage only, and Gold follows with no dates and no rows
    firstArrival(bronze);
    var onlyDuplicates = SilverStage.run(spark, inc, RunContext.of("test", "g3",
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), SilverStageTest.LENIENT);
    assertThat(onlyDuplicates.rowsWritten()).isZero();
    assertThat(onlyDuplicates.duplicatesRemoved()).isPositive();
    GoldResult nothing = GoldStage.run(spark, inc, RunContext.of("test", "g3", new PlanRequest(
        io.userflow.core.planner.RequestedMode.INCREMENTAL, GoldStage.TRANSFORM_VERSION, 0.5, null)));
    assertThat(nothing.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(nothing.dailyDates()).isEmpty();
    assertThat(nothing.dailyRows() + nothing.rollingRows()).isZero();
    assertThat(GoldStage.run(spark, inc, RunContext.of("test", "g3b", PlanRequest.auto(GoldStage.TRANSFORM_VERSION)))
        .plan().reason()).isEqualTo(PlanReason.NO_NEW_SNAPSHOTS);

    Row u1 = daily(inc, "u1", "2026-11-01");
    assertThat(u1.<Long>getAs("event_count")).isEqualTo(4L);
    assertThat(u1.<Long>getAs("session_count")).isEqualTo(1L);
    assertThat(u1.<Double>getAs("avg_session_seconds")).isEqualTo(3600.0);
    assertThat(u1.<Long>getAs("purchase_count")).isEqualTo(1L);
    assertThat(u1.<BigDecimal>getAs("revenue")).isEqualByComparingTo("21.00");
    assertThat(u1.<Long>getAs("distinct_products_viewed")).isEqualTo(1L);
    assertThat(u1.<Boolean>getAs("converted")).isTrue();
    Row u2day1 = daily(inc, "u2", "2026-11-01");
    Row u2day2 = daily(inc, "u2", "2026-11-02");
    assertThat(u2day1.<Long>getAs("session_count")).isEqualTo(1L);
    assertThat(u2day1.<Double>getAs("avg_session_seconds")).isEqualTo(1200.0);
    assertThat(u2day2.<Long>getAs("session_count")).isZero();
    assertThat(u2day2.<Object>getAs("avg_session_seconds")).isNull();
    Row rolling = spark.table(inc.sparkName(inc.goldRolling()))
        .filter("user_id = 'u2' and as_of_date = date'2026-11-07'").first();
    assertThat(rolling.<Long>getAs("event_count")).isEqualTo(2L);
    assertThat(rolling.<Long>getAs("active_days")).isEqualTo(2L);
    assertThat(spark.table(inc.sparkName(inc.goldRolling())).filter("as_of_date = date'2026-11-09'").count()).isZero();

    // a backfill of one event date: Silver rewrites exactly that partition, Gold follows from Silver's lineage
    var silverRange = SilverStage.run(spark, inc, RunContext.of("test", "g4", new PlanRequest(
        io.userflow.core.planner.RequestedMode.AUTO, SilverStage.TRANSFORM_VERSION, 0.5,
        io.userflow.core.planner.DateRange.parse("2026-11-02", "2026-11-02"))), SilverStageTest.LENIENT);
    assertThat(silverRange.plan().reason()).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
    assertThat(silverRange.affectedDates()).containsExactly(LocalDate.parse("2026-11-02"));
    assertThat(silverRange.published()).isTrue();
    GoldResult afterBackfill = GoldStage.run(spark, inc, RunContext.of("test", "g4", new PlanRequest(
        io.userflow.core.planner.RequestedMode.INCREMENTAL, GoldStage.TRANSFORM_VERSION, 0.5, null)));
    assertThat(afterBackfill.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(afterBackfill.dailyDates()).containsExactly(LocalDate.parse("2026-11-02"));
    assertThat(afterBackfill.rollingDates()).hasSize(7);

    TableLayout full = layout("gfull");
    FakeBronze rebuilt = new FakeBronze(spark, full);
    firstArrival(rebuilt);
    secondArrival(rebuilt);
    runBoth(full, "f1");
    SilverStageTest.assertSameRows(spark, inc.sparkName(inc.goldDaily()), full.sparkName(full.goldDaily()));
    SilverStageTest.assertSameRows(spark, inc.sparkName(inc.goldRolling()), full.sparkName(full.goldRolling()));
  }
}
