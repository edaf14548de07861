package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.JobMains;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.layout.BronzeColumns;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.bronze.KafkaOffsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;

/**
 * NodeIT's Bronze step: a real Kafka broker (devkit's LocalBroker, a host process) with a second listener on the
 * node's bridge address, the only address of the host a pod reaches (the kubelet's firewall drops pod traffic to
 * 127.0.0.0/8); simulated events sent to it from the host on 127.0.0.1; our {@code BronzeJob} as the streaming
 * SparkApplication the operator renders (a processing-time trigger, {@code restartPolicy: Always}) with a driver and
 * an executor pod reading the topic on the bridge address and committing to the SQLite catalog the host shares.
 * The driver is killed once part of a second batch of events is in Bronze (at most {@link #MAX_OFFSETS_PER_TRIGGER}
 * records a micro-batch, so the batch takes several commits); the controller submits the application again and it
 * resumes from its checkpoint. The host then checks Bronze exactly once from the catalog, the metadata and the rows
 * the pods wrote.
 */
final class BronzeStreamStep {
  static final String NAME = "userflow-bronze";
  static final String TOPIC = "user-events";
  private static final Duration TIMEOUT = Duration.ofMinutes(8);
  static final int MAX_OFFSETS_PER_TRIGGER = 30;

  private final Kubectl kubectl;
  private final Node node;
  private final SparkApplications apps;
  private final String namespace;
  private final Path lib;

  BronzeStreamStep(Kubectl kubectl, Node node, SparkApplications apps, String namespace, Path lib) {
    this.kubectl = kubectl;
    this.node = node;
    this.apps = apps;
    this.namespace = namespace;
    this.lib = lib;
  }

  void run() throws Exception {
    long t0 = System.nanoTime();
    Path dir = node.dir().resolve("spark-bronze");
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx")); // the pods' uid 185 writes
    List<Simulation> batches = EventSimulator.generate(SimulationOptions.defaults().withSeed(7).withUsers(20))
        .arrivalBatches(2);
    try (LocalBroker broker = LocalBroker.startWithExternalListener(dir.resolve("kafka"), node.bridgeAddress());
        KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      broker.createTopic(TOPIC, 2);
      try {
        long first = sender.send(TOPIC, batches.get(0).records()).records();
        JobApplication app = new JobApplication(namespace, NAME, node.image("spark"), JobMains.BRONZE,
            SparkJobs.jobsJar(lib), arguments(broker.externalBootstrapServers(), data), lib, data, 1,
            JobApplication.ALWAYS);
        assertThat(kubectl.apply(app.yaml()).ok()).as(app.yaml()).isTrue();
        long s0 = System.nanoTime();
        awaitRows(app, data, first);
        System.err.printf("NodeIT: Bronze in a driver pod read %d records from Kafka on %s into the catalog %.1f s "
            + "after kubectl apply%n", first, broker.externalBootstrapServers(), (System.nanoTime() - s0) / 1e9);
        assertThat(apps.pods(namespace, app.podSelector() + ",spark-role=driver")).as(why(app))
            .containsExactly("pod/" + app.driverPod());
        assertThat(apps.pods(namespace, app.podSelector() + ",spark-role=executor")).as(why(app))
            .hasSizeGreaterThanOrEqualTo(1);

        String killed = uid(app.driverPod());
        long second = sender.send(TOPIC, batches.get(1).records()).records();
        // the kill lands between two of the second batch's micro-batches, or inside one: some of it is committed
        long atKill = awaitRowsAbove(app, data, first);
        long k0 = System.nanoTime();
        kubectl.ok("delete", "pod", app.driverPod(), "-n", namespace, "--grace-period=0", "--force");
        awaitRows(app, data, first + second);
        String resubmitted = uid(app.driverPod());
        System.err.printf("NodeIT: killed Bronze's driver with %d of %d rows in Bronze; the next driver pod had all "
            + "%d %.1f s later (state %s, executionAttempts %s)%n", atKill, first + second, first + second,
            (System.nanoTime() - k0) / 1e9, apps.state(namespace, NAME), kubectl.run("get", "sparkapplication", NAME,
                "-n", namespace, "-o", "jsonpath={.status.executionAttempts}").out());
        assertThat(resubmitted).as("a new driver pod; %s", why(app)).isNotBlank().isNotEqualTo(killed);

        TableMetadata bronze = SparkJobs.metadata(data, TableLayout.defaults().bronze());
        assertExactlyOnce(bronze, broker.endOffsets(TOPIC), first + second);
        assertEachOffsetOnce(SparkJobs.read(data, TableLayout.defaults().bronze(), BronzeColumns.PARTITION,
            BronzeColumns.OFFSET), broker.endOffsets(TOPIC));
        Files.writeString(dir.resolve(NAME + "-driver.log"),
            kubectl.run("logs", app.driverPod(), "-n", namespace).out());

        long d0 = System.nanoTime();
        kubectl.ok("delete", "sparkapplication", NAME, "-n", namespace, "--wait=true", "--timeout=60s");
        List<String> left = List.of();
        for (int i = 0; i < 120; i++) {
          left = apps.pods(namespace, app.podSelector());
          if (left.isEmpty()) {
            break;
          }
          Thread.sleep(1000);
        }
        assertThat(left).as("pods of the deleted streaming SparkApplication, garbage-collected").isEmpty();
        System.err.printf("NodeIT: Bronze's pods were garbage-collected %.1f s after the delete; the step took "
            + "%.1f s%n",
            (System.nanoTime() - d0) / 1e9, (System.nanoTime() - t0) / 1e9);
      } finally {
        // a streaming application under restartPolicy Always runs until deleted: not past a failed step
        kubectl.run("delete", "sparkapplication", NAME, "-n", namespace, "--ignore-not-found", "--wait=false");
      }
    }
  }

  /**
   * As the operator's JobArguments.bronze passes them, on the local catalog under {@code data}, and at most
   * {@link #MAX_OFFSETS_PER_TRIGGER} records a micro-batch, so that a batch of events takes several commits.
   */
  private static List<String> arguments(String bootstrapServers, Path data) {
    return List.of(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers, JobOptions.TOPIC, TOPIC,
        JobOptions.STARTING_OFFSETS, "earliest", JobOptions.CHECKPOINT, data.resolve("checkpoints/bronze").toString(),
        JobOptions.TRIGGER, JobOptions.PROCESSING_TIME_TRIGGER + "5s", JobOptions.PIPELINE, "node-it",
        "--local-dir", data.toString(), "--max-offsets-per-trigger", Integer.toString(MAX_OFFSETS_PER_TRIGGER));
  }

  /**
   * Exactly once, from the snapshots the driver committed (oldest first): each one's rows are the records between
   * the Kafka end offsets of its lineage and the previous snapshot's, so no record is written twice and none is
   * skipped; the last snapshot's offsets are the topic's end offsets, and the table holds as many rows as were sent.
   */
  static void assertExactlyOnce(TableMetadata table, Map<Integer, Long> topicEnds, long sent) {
    List<Snapshot> oldestFirst = new ArrayList<>();
    for (Snapshot s = table.currentSnapshot(); s != null;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      oldestFirst.add(0, s);
    }
    KafkaOffsets previous = KafkaOffsets.empty();
    for (Snapshot s : oldestFirst) {
      KafkaOffsets ends = previous.merge(KafkaOffsets.parse(s.summary().get(LineageKeys.KAFKA_OFFSETS)));
      assertThat(Long.parseLong(s.summary().getOrDefault("added-records", "0")))
          .as("rows of snapshot %d (batch %s): its offsets %s after %s", s.snapshotId(),
              s.summary().get(LineageKeys.BATCH_ID), ends.format(), previous.format())
          .isEqualTo(ends.total() - previous.total());
      previous = ends;
    }
    assertThat(previous.forTopic(TOPIC)).as("the last commit's offsets").isEqualTo(topicEnds);
    assertThat(Long.parseLong(table.currentSnapshot().summary().get("total-records"))).isEqualTo(sent);
    System.err.printf("NodeIT: Bronze holds %d rows in %d snapshots, exactly the %d records sent (offsets %s)%n",
        sent, oldestFirst.size(), sent, previous.format());
  }

  /** The rows themselves: their (partition, offset) ids are each offset of the topic once, from 0 to its end. */
  static void assertEachOffsetOnce(List<List<Object>> ids, Map<Integer, Long> topicEnds) {
    java.util.Set<List<Object>> expected = new java.util.HashSet<>();
    topicEnds.forEach((partition, end) -> {
      for (long offset = 0; offset < end; offset++) {
        expected.add(List.of(partition, offset));
      }
    });
    assertThat(ids).as("Bronze's (partition, offset) ids").hasSize(expected.size()).doesNotHaveDuplicates();
    assertThat(new java.util.HashSet<>(ids)).isEqualTo(expected);
  }

  /** Waits until Bronze holds more than {@code rows} rows; returns how many it holds then. */
  private long awaitRowsAbove(JobApplication app, Path data, long rows) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long have = -1;
    while (System.nanoTime() < deadline && have <= rows) {
      Thread.sleep(500);
      have = SparkJobs.rowsIfAny(data, TableLayout.defaults().bronze());
    }
    assertThat(have).as("Bronze rows within %s; %s", TIMEOUT, why(app)).isGreaterThan(rows);
    return have;
  }

  private void awaitRows(JobApplication app, Path data, long rows) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long have = -1;
    while (System.nanoTime() < deadline) {
      have = SparkJobs.rowsIfAny(data, TableLayout.defaults().bronze());
      if (have >= rows) {
        break;
      }
      assertThat(apps.state(namespace, NAME)).as(why(app)).isNotIn("FAILED", "SUBMISSION_FAILED");
      Thread.sleep(2000);
    }
    assertThat(have).as("Bronze rows within %s; %s", TIMEOUT, why(app)).isEqualTo(rows);
  }

  private String uid(String pod) {
    return kubectl.run("get", "pod", pod, "-n", namespace, "-o", "jsonpath={.metadata.uid}").out().strip();
  }

  private String why(JobApplication app) {
    return apps.why(namespace, app.name(), kubectl.run("logs", app.driverPod(), "-n", namespace).out());
  }
}
