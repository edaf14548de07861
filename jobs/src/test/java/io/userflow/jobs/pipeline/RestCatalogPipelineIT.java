package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.CatalogType;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultKind;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.pipeline.Interleaving.Kind;
import io.userflow.jobs.pipeline.Interleaving.Op;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on an Iceberg REST catalog: Iceberg's own REST server in its own JVM (LocalRestCatalog, OAuth2
 * client credentials), Spark's SparkCatalog with {@code type=rest} and the Java API's RESTCatalog, both from core's
 * CatalogSettings. The planner's decisions, the lineage in the snapshot summaries, incremental = FULL and the
 * conflict handling of two writers hold as on the JDBC catalog.
 */
class RestCatalogPipelineIT {
  @TempDir static Path dir;
  static LocalRestCatalog server;
  static CatalogSettings settings;
  static SparkSession spark;
  static LocalBroker broker;
  static Simulation sim;

  @BeforeAll
  static void start() {
    server = LocalRestCatalog.start(dir.resolve("rest"));
    settings = server.settings(TableLayout.DEFAULT_CATALOG);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    spark = Sessions.create("rest-it", settings, "local[2]");
    broker = SharedBroker.get();
    FaultRates faults = FaultRates.defaults().toBuilder().duplicate(0.05).late(0.05).outOfOrder(0.04)
        .malformed(0.01).wrongType(0.01).nullKey(0.012).build();
    sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(11).withUsers(20)
        .withStart(Instant.parse("2026-10-01T00:00:00Z")).withDuration(Duration.ofDays(3)).withFaults(faults));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bronzeSilverGoldPlanAndRecordLineageOnRestAsOnJdbc() throws Exception {
    assertThat(settings.type()).isEqualTo(CatalogType.REST);
    assertThat(spark.conf().get("spark.sql.catalog.userflow.type")).isEqualTo("rest");
    List<Simulation> batches = sim.arrivalBatches(3);
    String topic = "rest-" + System.nanoTime();
    broker.createTopic(topic, 2);
    TableLayout inc = TableLayout.defaults().inNamespace("rest_inc");
    BronzeSettings bronze = BronzeSettings.of(broker.bootstrapServers(), topic, dir.resolve("ckpt").toString(), inc);
    long duplicates = 0;
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers());
        var catalog = (Catalog & AutoCloseable) Catalogs.open(settings)) {
      for (int b = 0; b < batches.size(); b++) {
        sender.send(topic, batches.get(b).records());
        AutoRun run = AutoRun.of(spark, bronze, inc, b);
        PlanMode expected = run.expected();
        duplicates += run.silver().duplicatesRemoved();
        // the lineage, read back through the REST catalog's Java API: each layer processed its source's head
        Table bronzeTable = catalog.loadTable(TableIdentifier.of(inc.namespace(), inc.bronze()));
        Table silverTable = catalog.loadTable(TableIdentifier.of(inc.namespace(), inc.silver()));
        Table goldTable = catalog.loadTable(TableIdentifier.of(inc.namespace(), inc.goldDaily()));
        assertThat(silverTable.currentSnapshot().summary()).as("silver lineage of batch %d", b)
            .containsEntry(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(bronzeTable.currentSnapshot().snapshotId()))
            .containsEntry(LineageKeys.RUN_ID, "b" + b)
            .containsEntry(LineageKeys.PLAN_MODE, expected.name());
        assertThat(goldTable.currentSnapshot().summary()).as("gold lineage of batch %d", b)
            .containsEntry(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(silverTable.currentSnapshot().snapshotId()));
      }
    }
    assertThat(duplicates).isEqualTo(sim.faults().get(FaultKind.DUPLICATE));
    assertThat(spark.table(inc.sparkName(inc.silver())).count()).isEqualTo(sim.faults().acceptedEvents());

    TableLayout full = TableLayout.defaults().inNamespace("rest_full");
    IcebergTables.copy(spark, inc.sparkName(inc.bronze()), full.sparkName(full.bronze()));
    SilverStage.run(spark, full, RunContext.of("it", "full",
        new PlanRequest(RequestedMode.FULL, SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
    GoldStage.run(spark, full, RunContext.of("it", "full",
        new PlanRequest(RequestedMode.FULL, GoldStage.TRANSFORM_VERSION, 1.0, null)));
    for (String table : List.of(inc.silver(), inc.rejects(), inc.goldDaily(), inc.goldRolling())) {
      SilverStageTest.assertSameRows(spark, inc.sparkName(table), full.sparkName(table));
    }
  }

  /**
   * A commit from stale metadata is refused by the server with HTTP 409, which the client raises as the
   * CommitFailedException the JDBC catalog raises; two Silver runs at once then end as on JDBC: the second commits,
   * the first fails with "Another run committed to" and its rerun converges.
   */
  @Test
  void aStaleCommitIsA409AndTwoWritersEndAsOnJdbc() throws Exception {
    List<Simulation> batches = sim.arrivalBatches(4);
    String topic = "rest-writers-" + System.nanoTime();
    broker.createTopic(topic, 2);
    TableLayout layout = TableLayout.defaults().inNamespace("rest_writers");
    BronzeSettings bronze = BronzeSettings.of(broker.bootstrapServers(), topic,
        dir.resolve("ckpt-writers").toString(), layout);
    InterleavingRun run = new InterleavingRun(spark, layout, bronze, batches, topic);
    Op silverPair = new Op(Kind.CONCURRENT, Kind.SILVER, Kind.SILVER, CommitBoundary.SILVER_CANDIDATE_WRITTEN, null);
    for (Op op : List.of(Op.of(Kind.ARRIVE), Op.of(Kind.BRONZE), Op.of(Kind.SILVER), Op.of(Kind.ARRIVE),
        Op.of(Kind.BRONZE), silverPair)) {
      run.apply(op);
    }
    run.drain();
    assertThat(run.history()).as("history").anyMatch(line -> line.startsWith(silverPair
        + " -> first conflict (Another run committed to ") && line.contains("); rerun silver "));

    try (var catalog = (Catalog & AutoCloseable) Catalogs.open(settings)) {
      TableIdentifier silver = TableIdentifier.of(layout.namespace(), layout.silver());
      Table fresh = catalog.loadTable(silver);
      long head = fresh.currentSnapshot().snapshotId();
      fresh.manageSnapshots().createBranch("rest_ff", head).commit();
      fresh.newFastAppend().toBranch("rest_ff").commit(); // the branch moves ahead of main, as an audit branch does
      Table stale = catalog.loadTable(silver);
      TableOperations staleOps = ((HasTableOperations) catalog.loadTable(silver)).operations();
      TableMetadata base = staleOps.current();
      fresh.refresh();
      fresh.newFastAppend().commit(); // another writer moves main

      // the server checks the commit's requirement (main is still at `head`) and answers 409 Conflict
      TableMetadata rollback = TableMetadata.buildFrom(base).setRef(SnapshotRef.MAIN_BRANCH,
          SnapshotRef.branchBuilder(base.currentSnapshot().parentId()).build()).build();
      assertThatThrownBy(() -> staleOps.commit(base, rollback)).isInstanceOf(CommitFailedException.class);

      // WriteAuditPublish's fast-forward from a table object that has not seen the other writer: the 409 is retried
      // by Iceberg on fresh metadata, which then refuses the fast-forward as on JDBC (main is not an ancestor of it)
      assertThatThrownBy(() -> stale.manageSnapshots().fastForwardBranch(SnapshotRef.MAIN_BRANCH, "rest_ff").commit())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ancestor");
      assertThat(catalog.loadTable(silver).currentSnapshot().parentId()).isEqualTo(head);
    }
  }
}
