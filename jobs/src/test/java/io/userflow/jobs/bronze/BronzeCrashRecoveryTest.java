package io.userflow.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.jobs.broker.LocalBroker;
import io.userflow.jobs.broker.SharedBroker;
import io.userflow.jobs.simulator.EventSimulator;
import io.userflow.jobs.simulator.KafkaEventSender;
import io.userflow.jobs.simulator.SimulationOptions;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.spark.Sessions;
import io.userflow.jobs.testing.CrashingJob;
import io.userflow.jobs.testing.JobJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a SIGKILL: BronzeJob runs in its own JVM and is killed right after it committed a
 * micro-batch to Iceberg but before Spark recorded that batch in the checkpoint, the one moment where a
 * restart replays a batch the table already holds. The restart (in this JVM, same checkpoint) must skip it.
 */
class BronzeCrashRecoveryTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static LocalBroker broker;
  static CatalogSettings catalog;
  static final TableLayout LAYOUT = TableLayout.defaults();
  static final String TOPIC = "bronze-crash";
  static final long STALLED_BATCH = 2;
  static final long BATCH_SIZE = 100;

  @BeforeAll
  static void start() {
    broker = SharedBroker.get();
    catalog = CatalogSettings.local(LAYOUT.catalog(), dir.resolve("lake"));
    io.userflow.core.iceberg.Catalogs.prepareLocalFolder(catalog);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void sigkillAfterAnIcebergCommitNeitherLosesNorDuplicatesRecords() throws Exception {
    broker.createTopic(TOPIC, 2);
    send(SimulationOptions.defaults().withUsers(50));
    long firstRun = broker.totalEndOffset(TOPIC);
    assertThat(firstRun).isGreaterThan((STALLED_BATCH + 3) * BATCH_SIZE);
    String checkpoint = dir.resolve("checkpoint").toString();

    Path log = dir.resolve("bronze-child.log");
    long t0 = System.nanoTime();
    String marker = CrashingJob.marker(CommitBoundary.BRONZE_BATCH_COMMITTED, (int) STALLED_BATCH + 1);
    Process child = JobJvm.start(CrashingJob.class, List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        List.of("bronze", CommitBoundary.BRONZE_BATCH_COMMITTED.name(), Long.toString(STALLED_BATCH + 1),
            "--master", "local[2]", "--local-dir", dir.resolve("lake").toString(),
            "--bootstrap-servers", broker.bootstrapServers(), "--topic", TOPIC, "--checkpoint", checkpoint,
            "--trigger", "available-now", "--max-offsets-per-trigger", Long.toString(BATCH_SIZE),
            "--pipeline", "crash-test"), log);
    try {
      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).until(() -> {
        assertThat(child.isAlive()).as("child JVM alive; log:\n%s", JobJvm.tail(log, 40)).isTrue();
        return Files.readString(log).contains(marker);
      });
      System.err.printf("child BronzeJob JVM stalled after batch %d %.1f s after launch; sending SIGKILL%n",
          STALLED_BATCH, (System.nanoTime() - t0) / 1e9);
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);
    } finally {
      child.destroyForcibly();
    }
    List<Map<String, String>> beforeRestart = BronzeTables.summaries(catalog, LAYOUT);
    assertThat(beforeRestart).extracting(s -> s.get(LineageKeys.BATCH_ID)).containsExactly("0", "1", "2");

    spark = Sessions.create("bronze-crash-test", catalog, "local[2]");
    BronzeSettings settings = BronzeSettings.of(broker.bootstrapServers(), TOPIC, checkpoint, LAYOUT)
        .withPipeline("crash-test").withMaxOffsetsPerTrigger(400L);
    BronzeResult restart = BronzeJob.run(spark, settings);

    assertThat(restart.batchesSkipped()).isEqualTo(1);
    assertThat(restart.queryId()).isEqualTo(beforeRestart.get(0).get(BronzeLineage.QUERY_ID));
    long committedBeforeKill = beforeRestart.stream().mapToLong(s -> Long.parseLong(s.get("added-records"))).sum();
    assertThat(restart.rowsWritten()).isEqualTo(firstRun - committedBeforeKill);
    assertThat(BronzeTables.countAndDistinct(spark, LAYOUT, TOPIC)).containsExactly(firstRun, firstRun);
    assertThat(restart.endOffsets().forTopic(TOPIC)).isEqualTo(broker.endOffsets(TOPIC));

    // the stream goes on from where it is: new records, same checkpoint
    send(SimulationOptions.defaults().withUsers(10).withSeed(7));
    long total = broker.totalEndOffset(TOPIC);
    assertThat(total).isGreaterThan(firstRun);
    BronzeResult more = BronzeJob.run(spark, settings);
    assertThat(more.batchesSkipped()).isZero();
    assertThat(more.rowsWritten()).isEqualTo(total - firstRun);
    assertThat(BronzeTables.countAndDistinct(spark, LAYOUT, TOPIC)).containsExactly(total, total);
    assertThat(BronzeTables.summaries(catalog, LAYOUT)).extracting(s -> s.get(BronzeLineage.QUERY_ID)).containsOnly(restart.queryId());
  }

  private static void send(SimulationOptions options) {
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      sender.send(TOPIC, EventSimulator.generate(options).records());
    }
  }
}
