package io.userflow.jobs.silver;

import static io.userflow.jobs.testing.FakeBronze.event;
import static io.userflow.jobs.testing.HandMadeStream.DAY1;
import static io.userflow.jobs.testing.HandMadeStream.firstArrival;
import static io.userflow.jobs.testing.HandMadeStream.layout;
import static io.userflow.jobs.testing.HandMadeStream.secondArrival;
import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.AuditBranch;
import io.userflow.core.contract.GateVerdict;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.StagePlanning;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Silver on real Spark and real Iceberg tables: rejects, dedupe across runs, sessions merged by a late event. */
public class SilverStageTest extends LocalSparkTest {
  /** Tiny hand-made batches have a high reject share; the gate test below uses the strict default. */
  public static final SilverStage.Settings LENIENT = new SilverStage.Settings(30, 0.5, io.userflow.jobs.silver.EventLimits.defaults(),
      java.time.Duration.ofHours(1));

  private static RunContext ctx(String run, PlanRequest request) {
    return RunContext.of("test", run, request);
  }

  @Test
  void incrementalRunsEqualAFullRebuild() {
    TableLayout inc = layout("inc");
    FakeBronze bronze = new FakeBronze(spark, inc);
    firstArrival(bronze);
    SilverResult first = SilverStage.run(spark, inc, ctx("r1", PlanRequest.auto("silver-1")), LENIENT);
    assertThat(first.plan().reason()).isEqualTo(PlanReason.NO_PREVIOUS_RUN);
    assertThat(first.published()).isTrue();
    assertThat(first.bronzeRows()).isEqualTo(7);
    assertThat(first.newEvents()).isEqualTo(5);
    assertThat(first.duplicatesRemoved()).isEqualTo(1);
    assertThat(first.rejectsByReason()).containsEntry("MALFORMED_JSON", 1L);

    SilverResult noop = SilverStage.run(spark, inc, ctx("r2", PlanRequest.auto("silver-1")), LENIENT);
    assertThat(noop.plan().mode()).isEqualTo(PlanMode.NOOP);

    secondArrival(bronze);
    SilverResult second = SilverStage.run(spark, inc, ctx("r3", new PlanRequest(
        io.userflow.core.planner.RequestedMode.INCREMENTAL, "silver-1", 0.5, null)), LENIENT);
    assertThat(second.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(second.bronzeRows()).isEqualTo(4);
    assertThat(second.newEvents()).isEqualTo(2);
    assertThat(second.duplicatesRemoved()).isEqualTo(1);
    assertThat(second.rejectsByReason()).containsEntry("WRONG_FIELD_TYPE", 1L);
    // u1's two sessions merge (day 1); u2's session from day 1 grows into day 2; u3 is untouched but shares day 1
    assertThat(second.affectedDates()).containsExactly(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"));
    assertThat(second.gate().passed()).as("gate %s", second.gate()).isTrue();
    Dataset<Row> u1 = spark.table(inc.sparkName(inc.silver())).filter("user_id = 'u1'");
    assertThat(u1.select("session_id").distinct().count()).isEqualTo(1);

    Snapshot head = IcebergTables.load(spark, inc.sparkName(inc.silver()), "").currentSnapshot();
    assertThat(head.summary()).containsEntry("userflow.run-id", "r3").containsEntry("userflow.plan-mode", "INCREMENTAL")
        .containsEntry("userflow.affected-dates", "2026-11-01,2026-11-02");

    TableLayout full = layout("full");
    FakeBronze rebuilt = new FakeBronze(spark, full);
    firstArrival(rebuilt);
    secondArrival(rebuilt);
    SilverResult once = SilverStage.run(spark, full, ctx("f1", PlanRequest.auto("silver-1")), LENIENT);
    assertThat(once.plan().mode()).isEqualTo(PlanMode.FULL);
    assertSameRows(inc.sparkName(inc.silver()), full.sparkName(full.silver()));
    assertSameRows(inc.sparkName(inc.rejects()), full.sparkName(full.rejects()));
  }

  @Test
  void failedGateLeavesMainUntouchedAndKeepsTheAuditBranch() {
    TableLayout gated = layout("gated");
    FakeBronze bronze = new FakeBronze(spark, gated);
    bronze.append(DAY1, List.of(event("g1", "u1", "login", "2026-11-01T10:00:00.000Z"), "nope", "{}", "[]"));
    SilverResult result = SilverStage.run(spark, gated, ctx("gate1", PlanRequest.auto("silver-1")),
        SilverStage.Settings.defaults());
    assertThat(result.published()).isFalse();
    assertThat(result.gate().failed()).extracting(QualityGate.Check::name).containsExactly("REJECT_RATIO");
    var silver = IcebergTables.load(spark, gated.sparkName(gated.silver()), "");
    assertThat(StagePlanning.lineage(TableLineage.history(silver)).hasPreviousRun()).isFalse();
    assertThat(spark.table(gated.sparkName(gated.silver())).count()).isZero();
    assertThat(silver.refs()).containsKey(result.auditBranch());
    assertThat(result.auditBranch()).isEqualTo(AuditBranch.forRun("gate1"));
    // the verdict is on the branch head, for the operator; the candidate stays beneath it for inspection
    assertThat(GateVerdict.refusal(TableLineage.history(silver), "gate1")).map(GateVerdict::failedChecks)
        .hasValueSatisfying(checks -> assertThat(checks).startsWith("REJECT_RATIO: "));
    assertThat(spark.read().format("iceberg").option("branch", result.auditBranch())
        .load(gated.sparkName(gated.silver())).count()).isEqualTo(1);
  }

  /**
   * Bronze recreated with a fraction of its rows (a new table under the old name): Silver's last processed snapshot is
   * gone, the planner picks FULL by itself, and that FULL would drop most of Silver. The gate holds it, with the
   * numbers; asked for explicitly (FULL), it publishes.
   */
  @Test
  void aFullRunNobodyAskedForThatWouldShrinkSilverIsHeldUntilRequested() {
    TableLayout shrink = layout("shrink");
    FakeBronze bronze = new FakeBronze(spark, shrink);
    List<String> events = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(event("s" + i, "u" + (i % 3), "page_view", "2026-11-01T10:0" + i + ":00.000Z"));
    }
    bronze.append(DAY1, events);
    assertThat(SilverStage.run(spark, shrink, ctx("s1", PlanRequest.auto("silver-1")), LENIENT).published()).isTrue();
    spark.sql("DROP TABLE " + shrink.sparkName(shrink.bronze()));
    new FakeBronze(spark, shrink).append(DAY1, events.subList(0, 3));

    SilverResult held = SilverStage.run(spark, shrink, ctx("s2", PlanRequest.auto("silver-1")), LENIENT);
    assertThat(held.plan().reason()).isEqualTo(PlanReason.LAST_PROCESSED_EXPIRED);
    assertThat(held.published()).isFalse();
    assertThat(held.gate().failed()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("NO_UNREQUESTED_SHRINK");
      assertThat(c.describe()).contains("LAST_PROCESSED_EXPIRED", "would replace 10 rows with 3 (70.0% fewer)",
          "--mode FULL", "at most 50.0% fewer");
    });
    assertThat(spark.table(shrink.sparkName(shrink.silver())).count()).as("main unchanged").isEqualTo(10);

    SilverResult asked = SilverStage.run(spark, shrink, ctx("s3", new PlanRequest(
        io.userflow.core.planner.RequestedMode.FULL, "silver-1", 0.5, null)), LENIENT);
    assertThat(asked.published()).isTrue();
    assertThat(spark.table(shrink.sparkName(shrink.silver())).count()).isEqualTo(3);
  }

  static void assertSameRows(String left, String right) {
    assertSameRows(spark, left, right);
  }

  /** Both tables hold the same multiset of rows. */
  public static void assertSameRows(SparkSession spark, String left, String right) {
    Dataset<Row> a = spark.table(left);
    Dataset<Row> b = spark.table(right);
    assertThat(a.count()).as("row count of %s vs %s", left, right).isEqualTo(b.count());
    assertThat(a.exceptAll(b).count()).as("rows in %s missing from %s", left, right).isZero();
    assertThat(b.exceptAll(a).count()).as("rows in %s missing from %s", right, left).isZero();
  }
}
