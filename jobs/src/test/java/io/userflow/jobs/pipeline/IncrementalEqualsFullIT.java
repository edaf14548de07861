package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultKind;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.spark.DateFilters;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.LocalSparkTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The product's central promise, end to end on real components: a fault-injected stream arrives in several
 * batches through a real Kafka broker into Bronze; Silver and Gold run incrementally after each batch; a rebuild
 * from scratch (FULL) over the same Bronze gives identical Silver, rejects and Gold tables.
 */
class IncrementalEqualsFullIT extends LocalSparkTest {
  /** Fault-to-reason map: every injected fault must come out as exactly this reject reason. */
  static final Map<FaultKind, String> REASON = Map.of(
      FaultKind.MISSING_EVENT_ID, "MISSING_EVENT_ID", FaultKind.MISSING_USER_ID, "MISSING_USER_ID",
      FaultKind.MISSING_EVENT_TIME, "MISSING_EVENT_TIME", FaultKind.WRONG_TYPE, "WRONG_FIELD_TYPE",
      FaultKind.MALFORMED_JSON, "MALFORMED_JSON", FaultKind.UNKNOWN_EVENT_TYPE, "UNKNOWN_EVENT_TYPE",
      FaultKind.BAD_EVENT_TIME, "UNPARSEABLE_EVENT_TIME", FaultKind.PURCHASE_WITHOUT_PRICE, "MISSING_PURCHASE_AMOUNT",
      FaultKind.FUTURE_EVENT_TIME, "EVENT_TIME_AFTER_INGEST");

  @Test
  void incrementalRunsOverSeveralArrivalBatchesEqualAFullRebuild() {
    FaultRates faults = FaultRates.defaults().toBuilder().duplicate(0.05).late(0.05).outOfOrder(0.04)
        .malformed(0.01).wrongType(0.01).nullKey(0.012).build();
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(7).withUsers(40)
        .withStart(Instant.parse("2026-10-01T00:00:00Z")).withDuration(Duration.ofDays(3)).withFaults(faults));
    List<Simulation> batches = sim.arrivalBatches(4);
    LocalBroker broker = SharedBroker.get();
    String topic = "invariant-" + System.nanoTime();
    broker.createTopic(topic, 2);
    TableLayout inc = TableLayout.defaults().inNamespace("inc");
    BronzeSettings bronze = BronzeSettings.of(broker.bootstrapServers(), topic, dir.resolve("ckpt").toString(), inc);

    long duplicates = 0;
    long late = 0;
    long silverWritten = 0;
    long silverInTouchedDates = 0;
    long goldWritten = 0;
    long goldInTouchedDates = 0;
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      for (int b = 0; b < batches.size(); b++) {
        sender.send(topic, batches.get(b).records());
        AutoRun run = AutoRun.of(spark, bronze, inc, b);
        SilverResult silver = run.silver();
        GoldResult gold = run.gold();
        duplicates += silver.duplicatesRemoved();
        late += b == 0 ? 0 : silver.lateEvents();
        if (b > 0) {
          // row level: Silver writes the changed rows, not their sessions' partitions; Gold the rows that changed
          assertThat(silver.rowsWritten()).isLessThanOrEqualTo(silver.rowsInChangedSessions());
          assertThat(gold.plan().partitions().goldRowLevel()).as("gold plan of batch %d: %s", b, gold.plan()).isTrue();
          assertThat(gold.dailyRows() + gold.rollingRows()).isLessThanOrEqualTo(gold.rowsRecomputed());
          silverWritten += silver.rowsWritten();
          silverInTouchedDates += rowsIn(inc.silver(), "event_date", silver.affectedDates());
          goldWritten += gold.dailyRows();
          goldInTouchedDates += rowsIn(inc.goldDaily(), "feature_date", gold.dailyDates());
        }
      }
    }
    assertThat(silverWritten).as("silver rows written after the first batch").isPositive()
        .isLessThan(silverInTouchedDates);
    assertThat(goldWritten).as("gold daily rows written after the first batch").isPositive()
        .isLessThan(goldInTouchedDates);
    // the stream really carried what this test is about, and nothing was lost on the way
    assertThat(late).as("late events absorbed by incremental runs").isPositive();
    assertThat(duplicates).isEqualTo(sim.faults().get(FaultKind.DUPLICATE));
    assertThat(spark.table(inc.sparkName(inc.silver())).count()).isEqualTo(sim.faults().acceptedEvents());
    Map<String, Long> expectedReasons = new HashMap<>();
    REASON.forEach((kind, reason) -> {
      if (sim.faults().get(kind) > 0) {
        expectedReasons.merge(reason, sim.faults().get(kind), Long::sum);
      }
    });
    Map<String, Long> actualReasons = new HashMap<>();
    for (Row r : spark.table(inc.sparkName(inc.rejects())).groupBy("reason_code").count().collectAsList()) {
      actualReasons.put(r.getString(0), r.getLong(1));
    }
    assertThat(actualReasons).isEqualTo(expectedReasons);
    assertThat(spark.table(inc.sparkName(inc.bronze())).count()).isEqualTo(sim.size());

    TableLayout full = TableLayout.defaults().inNamespace("full");
    IcebergTables.copy(spark, inc.sparkName(inc.bronze()), full.sparkName(full.bronze()));
    SilverResult rebuilt = SilverStage.run(spark, full, RunContext.of("it", "full",
        new PlanRequest(RequestedMode.FULL, SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
    GoldStage.run(spark, full, RunContext.of("it", "full", new PlanRequest(RequestedMode.FULL, GoldStage.TRANSFORM_VERSION, 1.0, null)));
    assertThat(rebuilt.duplicatesRemoved()).isEqualTo(duplicates);
    for (String table : List.of(inc.silver(), inc.rejects(), inc.goldDaily(), inc.goldRolling())) {
      SilverStageTest.assertSameRows(spark, inc.sparkName(table), full.sparkName(table));
    }
  }

  private static long rowsIn(String table, String dateColumn, java.util.Collection<java.time.LocalDate> dates) {
    TableLayout inc = TableLayout.defaults().inNamespace("inc");
    return spark.table(inc.sparkName(table)).filter(DateFilters.in(dateColumn, dates)).count();
  }
}
