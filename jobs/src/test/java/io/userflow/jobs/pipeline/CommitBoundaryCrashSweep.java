package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.StagePlanning;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeResult;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.CrashingJob;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.JobJvm;
import io.userflow.jobs.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash-point sweep, on the catalog a subclass names ({@link CommitBoundaryCrashIT} JDBC on SQLite,
 * {@link RestCommitBoundaryCrashIT} Iceberg REST): at every {@link CommitBoundary} a stage has, its job runs in its own JVM and is SIGKILLed
 * there; Bronze then moves on (a further arrival), the stages run again, and every table must hold exactly the rows
 * of a pipeline that was never interrupted. Right after the crash, a stage whose next plan is NOOP must already
 * hold the uninterrupted result (Gold is never left half-updated under a NOOP).
 *
 * <p>Silver and Gold read a hand-written Bronze ({@link FakeBronze}), so all their columns are comparable; the
 * Bronze case reads a real broker and leaves out ingest_time and ingest_date, the micro-batch's clock.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class CommitBoundaryCrashSweep {
  @TempDir static Path dir;
  SparkSession spark;
  List<Simulation> arrivals;
  static final TableLayout REFERENCE = TableLayout.defaults().inNamespace("reference");
  /** Head snapshot of each reference table after each arrival was processed. */
  final List<Map<String, Long>> referenceHeads = new ArrayList<>();
  static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** The session on the catalog under test (the active one is stopped first). */
  abstract SparkSession session();

  /** How a job's own JVM reaches the same catalog: its options, and the environment they need. */
  abstract List<String> catalogOptions();

  Map<String, String> catalogEnvironment() {
    return Map.of();
  }

  /** The boundaries this catalog is swept at. */
  abstract Stream<CommitBoundary> boundaries();

  @BeforeAll
  void start() {
    spark = session();
    FaultRates faults = FaultRates.defaults().toBuilder().duplicate(0.06).late(0.06).outOfOrder(0.04)
        .malformed(0.03).wrongType(0.02).nullKey(0.02).build();
    arrivals = EventSimulator.generate(SimulationOptions.defaults().withSeed(11).withUsers(12)
        .withStart(Instant.parse("2026-10-01T00:00:00Z")).withDuration(Duration.ofDays(2)).withFaults(faults))
        .arrivalBatches(3);
    FakeBronze bronze = new FakeBronze(spark, REFERENCE);
    for (int i = 0; i < arrivals.size(); i++) {
      arrive(bronze, i);
      runSilver(REFERENCE, "a" + i);
      runGold(REFERENCE, "a" + i);
      referenceHeads.add(heads(REFERENCE));
    }
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @ParameterizedTest(name = "SIGKILL at {0}")
  @MethodSource("boundaries")
  void aRerunAfterASigkillAtTheBoundaryEqualsAnUninterruptedRun(CommitBoundary boundary) throws Exception {
    String job = switch (boundary) {
      case BRONZE_BATCH_COMMITTED -> "bronze";
      case SILVER_BRANCH_CREATED, REJECTS_BRANCH_CREATED, SILVER_CANDIDATE_WRITTEN, REJECTS_CANDIDATE_WRITTEN,
          REJECTS_FAST_FORWARDED, REJECTS_PUBLISHED, SILVER_FAST_FORWARDED, SILVER_PUBLISHED -> "silver";
      case GOLD_CANDIDATES_WRITTEN, GOLD_DAILY_WRITTEN, GOLD_ROLLING_WRITTEN -> "gold";
    };
    if (job.equals("bronze")) {
      bronzeRestartsWithoutLossOrRepeat();
    } else {
      batchStageRerunRepairs(job, boundary);
    }
  }

  /** Arrival 0 processed; the job crashes processing arrival 1; arrival 2 comes; Silver and Gold run again. */
  private void batchStageRerunRepairs(String job, CommitBoundary boundary) throws Exception {
    TableLayout layout = TableLayout.defaults().inNamespace(boundary.name().toLowerCase(Locale.ROOT));
    FakeBronze bronze = new FakeBronze(spark, layout);
    arrive(bronze, 0);
    runSilver(layout, "a0");
    runGold(layout, "a0");
    arrive(bronze, 1);
    if (job.equals("gold")) {
      runSilver(layout, "a1");
    }
    List<String> options = new ArrayList<>(List.of("--master", "local[2]"));
    options.addAll(catalogOptions());
    options.addAll(List.of("--namespace", layout.namespace(), "--pipeline", "crash", "--run-id", "a1", "--full-rebuild-share", "1.0"));
    if (job.equals("silver")) {
      options.addAll(List.of("--reject-ratio-threshold", Double.toString(SilverStageTest.LENIENT.rejectRatioThreshold())));
    }
    crash(job, boundary, 1, options);

    // right after the crash: a stage plans NOOP exactly when its run was over, and then holds the finished result
    boolean silverDone = job.equals("gold") || boundary == CommitBoundary.SILVER_FAST_FORWARDED
        || boundary == CommitBoundary.SILVER_PUBLISHED;
    boolean silverNoop = plan(layout.bronze(), layout, layout.silver()).isNoop();
    boolean goldNoop = plan(layout.silver(), layout, layout.goldLineageTable()).isNoop();
    assertThat(silverNoop).as("Silver plans NOOP").isEqualTo(silverDone);
    assertThat(goldNoop).as("Gold plans NOOP").isEqualTo(!silverDone || boundary == CommitBoundary.GOLD_ROLLING_WRITTEN);
    if (silverNoop) {
      assertSameAsReference(layout, List.of(layout.silver(), layout.rejects()), 1);
    }
    if (goldNoop) {
      assertSameAsReference(layout, List.of(layout.goldDaily(), layout.goldRolling()), silverDone ? 1 : 0);
    }

    arrive(bronze, 2);
    runSilver(layout, "a2");
    runGold(layout, "a2");
    for (String table : REFERENCE.allTables()) {
      assertSameRows(table + " after the rerun", spark.table(layout.sparkName(table)), spark.table(REFERENCE.sparkName(table)));
    }
  }

  /**
   * Bronze is killed after its second micro-batch's Iceberg commit, before the checkpoint recorded it; more records
   * arrive; the restart from the checkpoint skips the replayed batch and takes the rest. The table equals one
   * filled by a stream that was never interrupted.
   */
  private void bronzeRestartsWithoutLossOrRepeat() throws Exception {
    LocalBroker broker = SharedBroker.get();
    String topic = "crash-sweep-" + System.nanoTime();
    broker.createTopic(topic, 2);
    TableLayout crashed = TableLayout.defaults().inNamespace("bronze_crashed");
    TableLayout uninterrupted = TableLayout.defaults().inNamespace("bronze_uninterrupted");
    send(broker, topic, 0);
    send(broker, topic, 1);
    String checkpoint = dir.resolve("bronze-checkpoint").toString();
    crash("bronze", CommitBoundary.BRONZE_BATCH_COMMITTED, 2, Stream.concat(Stream.concat(
        Stream.of("--master", "local[2]"), catalogOptions().stream()), Stream.of("--namespace", crashed.namespace(),
        "--bootstrap-servers", broker.bootstrapServers(), "--topic", topic, "--checkpoint", checkpoint,
        "--max-offsets-per-trigger", "100", "--pipeline", "crash")).toList());
    List<Row> commits = spark.sql("SELECT summary['userflow.batch-id'], summary['userflow.streaming-query-id'] FROM "
        + crashed.sparkName(crashed.bronze()) + ".snapshots ORDER BY committed_at").collectAsList();
    assertThat(commits).extracting(r -> r.getString(0)).containsExactly("0", "1");

    send(broker, topic, 2);
    BronzeResult restart = BronzeJob.run(spark, BronzeSettings.of(broker.bootstrapServers(), topic, checkpoint, crashed)
        .withPipeline("crash").withMaxOffsetsPerTrigger(100L));
    assertThat(restart.batchesSkipped()).as("the replayed batch %d", 1).isEqualTo(1);
    assertThat(restart.queryId()).isEqualTo(commits.get(0).getString(1));
    BronzeJob.run(spark, BronzeSettings.of(broker.bootstrapServers(), topic, dir.resolve("reference-checkpoint").toString(),
        uninterrupted).withPipeline("crash"));

    String[] runDependent = {"ingest_time", "ingest_date"};
    Dataset<Row> actual = spark.table(crashed.sparkName(crashed.bronze())).drop(runDependent);
    assertThat(actual.count()).isEqualTo(broker.totalEndOffset(topic));
    assertSameRows("bronze after the restart", actual, spark.table(uninterrupted.sparkName(uninterrupted.bronze())).drop(runDependent));
  }

  /** Runs the job in its own JVM until it blocks at the n-th pass of {@code boundary}, then SIGKILLs it. */
  private void crash(String job, CommitBoundary boundary, int nth, List<String> options) throws Exception {
    Path log = dir.resolve(boundary + ".log");
    List<String> args = Stream.concat(Stream.of(job, boundary.name(), Integer.toString(nth)), options.stream()).toList();
    long t0 = System.nanoTime();
    Process child = JobJvm.start(CrashingJob.class, JVM, args, catalogEnvironment(), log);
    try {
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(100)).until(() -> {
        assertThat(child.isAlive()).as("%s JVM alive; log:%n%s", job, JobJvm.tail(log, 40)).isTrue();
        return Files.readString(log).contains(CrashingJob.marker(boundary, nth));
      });
      System.err.printf("%s JVM at %s %.1f s after launch; SIGKILL%n", job, boundary, (System.nanoTime() - t0) / 1e9);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    } finally {
      child.destroyForcibly();
    }
  }

  /**
   * What the stage writing {@code target} would plan now (AUTO), from the tables' lineage alone, by the rules the
   * jobs and the operator share (core's StagePlanning).
   */
  private RunPlan plan(String source, TableLayout layout, String target) {
    Table from = IcebergTables.load(spark, layout.sparkName(source), "");
    Table to = IcebergTables.load(spark, layout.sparkName(target), "");
    boolean silver = target.equals(layout.silver());
    PlanRequest request = request(silver ? SilverStage.TRANSFORM_VERSION : GoldStage.TRANSFORM_VERSION);
    return silver ? StagePlanning.silver(TableLineage.history(from), TableLineage.history(to), request)
        : StagePlanning.gold(TableLineage.history(from), TableLineage.history(to), request);
  }

  /** The tables hold what the uninterrupted pipeline's held once arrival {@code arrival} was processed. */
  private void assertSameAsReference(TableLayout layout, List<String> tables, int arrival) {
    for (String table : tables) {
      Dataset<Row> expected = spark.read().format("iceberg").option("versionAsOf", referenceHeads.get(arrival).get(table))
          .load(REFERENCE.sparkName(table));
      assertSameRows(table + " under a NOOP plan right after the crash", spark.table(layout.sparkName(table)), expected);
    }
  }

  /** Same multiset of rows; a failure names the rows one side has beyond the other. */
  private void assertSameRows(String what, Dataset<Row> actual, Dataset<Row> expected) {
    List<String> a = sorted(actual);
    List<String> e = sorted(expected);
    assertThat(minus(a, e)).as("%s: rows beyond the uninterrupted run's (of %d)", what, a.size()).isEmpty();
    assertThat(minus(e, a)).as("%s: rows of the uninterrupted run missing (of %d)", what, e.size()).isEmpty();
  }

  private List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** {@code from} without one occurrence of each element of {@code take}. */
  private List<String> minus(List<String> from, List<String> take) {
    List<String> rest = new ArrayList<>(from);
    take.forEach(rest::remove);
    return rest;
  }

  private Map<String, Long> heads(TableLayout layout) {
    Map<String, Long> heads = new HashMap<>();
    for (String table : layout.allTables()) {
      heads.put(table, IcebergTables.load(spark, layout.sparkName(table), "").currentSnapshot().snapshotId());
    }
    return heads;
  }

  private PlanRequest request(String transformVersion) {
    return new PlanRequest(RequestedMode.AUTO, transformVersion, 1.0, null);
  }

  private void runSilver(TableLayout layout, String run) {
    var result = SilverStage.run(spark, layout, RunContext.of("crash", run, request(SilverStage.TRANSFORM_VERSION)),
        SilverStageTest.LENIENT);
    assertThat(result.gate().passed()).as("%s gate %s", run, result.gate()).isTrue();
  }

  private void runGold(TableLayout layout, String run) {
    GoldStage.run(spark, layout, RunContext.of("crash", run, request(GoldStage.TRANSFORM_VERSION)));
  }

  /** One Bronze append of arrival {@code i}, received just after its last record was sent. */
  private void arrive(FakeBronze bronze, int i) {
    bronze.append(arrivals.get(i).lastSendTime().plusSeconds(60), arrivals.get(i).values());
  }

  private void send(LocalBroker broker, String topic, int i) {
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      sender.send(topic, arrivals.get(i).records());
    }
  }
}
