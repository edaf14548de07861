package io.userflow.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultKind;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.SimulatedRecord;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.devkit.simulator.JsonLinesFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** BronzeJob in this JVM against the real broker and a real Iceberg table on an SQLite catalog. */
class BronzeJobTest extends BrokerAndSparkTest {

  @Test
  void simulatedEventsLandOnceEachAsSentWithLineageInEverySnapshot() throws Exception {
    String topic = "bronze-sim";
    broker.createTopic(topic, 2);
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withUsers(40).withDuration(Duration.ofHours(12)));
    assertThat(sim.faults().get(FaultKind.MALFORMED_JSON) + sim.faults().get(FaultKind.DUPLICATE)).isPositive();
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      sender.send(topic, sim.records());
    }
    BronzeSettings settings = BronzeSettings.of(broker.bootstrapServers(), topic, dir.resolve("cp-sim").toString(), LAYOUT)
        .withPipeline("bronze-test").withRunId("run-1").withMaxOffsetsPerTrigger(200L);

    BronzeResult result = BronzeJob.run(spark, settings);

    Map<Integer, Long> ends = broker.endOffsets(topic);
    long sent = BronzeTables.sum(ends);
    assertThat(sent).isEqualTo(sim.size());
    assertThat(result.rowsWritten()).isEqualTo(sent);
    assertThat(result.endOffsets().forTopic(topic)).isEqualTo(ends);
    assertThat(result.batchesCommitted()).isEqualTo(result.snapshotIds().size()).isGreaterThanOrEqualTo(3);
    assertThat(BronzeTables.countAndDistinct(spark, LAYOUT, topic)).containsExactly(sent, sent);

    // values, keys and record timestamps exactly as sent (duplicates included)
    List<String> expected = sim.records().stream().map(BronzeJobTest::fingerprint).sorted().toList();
    List<String> actual = spark.sql("SELECT raw_key, raw_value, kafka_timestamp FROM " + settings.table()
            + " WHERE kafka_topic = '" + topic + "'").collectAsList().stream()
        .map(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getTimestamp(2).toInstant()).sorted().toList();
    assertThat(actual).isEqualTo(expected);

    List<Map<String, String>> all = BronzeTables.summaries(catalog, LAYOUT);
    assertThat(all).allSatisfy(s -> assertThat(s).containsKeys(LineageKeys.PIPELINE, LineageKeys.STAGE, LineageKeys.RUN_ID,
        LineageKeys.TRANSFORM_VERSION, LineageKeys.BATCH_ID, LineageKeys.KAFKA_OFFSETS));
    List<Map<String, String>> summaries = all.stream().filter(s -> result.queryId().equals(s.get(BronzeLineage.QUERY_ID))).toList();
    assertThat(summaries).hasSize(result.batchesCommitted());
    KafkaOffsets covered = KafkaOffsets.empty();
    for (Map<String, String> s : summaries) {
      assertThat(s).containsEntry(LineageKeys.PIPELINE, "bronze-test").containsEntry(LineageKeys.STAGE, "bronze")
          .containsEntry(LineageKeys.RUN_ID, "run-1").containsEntry(LineageKeys.TRANSFORM_VERSION, "bronze-1")
          .containsEntry(BronzeLineage.QUERY_ID, result.queryId())
          .containsKeys(LineageKeys.BATCH_ID, LineageKeys.KAFKA_OFFSETS);
      covered = covered.merge(KafkaOffsets.parse(s.get(LineageKeys.KAFKA_OFFSETS)));
    }
    assertThat(covered.forTopic(topic)).isEqualTo(ends);

    // nothing new: the same checkpoint commits nothing
    BronzeResult again = BronzeJob.run(spark, settings);
    assertThat(again.rowsWritten()).isZero();
    assertThat(again.queryId()).isEqualTo(result.queryId());
    assertThat(BronzeTables.summaries(catalog, LAYOUT)).hasSize(all.size());
  }

  @Test
  void replayedLinesIncludingMalformedOnesAreStoredByteForByte() throws Exception {
    String topic = "bronze-replay";
    broker.createTopic(topic, 1);
    List<String> lines = List.of(
        "{\"event_id\":\"9f1c\",\"user_id\":\"u000001\",\"event_type\":\"page_view\",\"event_time\":\"2026-11-01T10:15:30.123Z\"}",
        "{\"event_id\":\"truncated\",\"pri",
        "not json at all",
        "",
        "  {\"padded\": true}  \r",
        "{\"user_id\":\"ü-ñ-😀\",\"price\":\"abc\"}",
        "{\"event_id\":\"9f1c\",\"user_id\":\"u000001\",\"event_type\":\"page_view\",\"event_time\":\"2026-11-01T10:15:30.123Z\"}");
    Path file = dir.resolve("replay.jsonl");
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

    // what ./userflow replay sends: each line's bytes as one record
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      assertThat(sender.sendValues(topic, JsonLinesFile.readValues(file)).records()).isEqualTo(lines.size());
    }

    BronzeJob.run(spark, BronzeSettings.of(broker.bootstrapServers(), topic, dir.resolve("cp-replay").toString(), LAYOUT));

    List<Row> rows = spark.sql("SELECT raw_value, raw_key FROM " + LAYOUT.sparkName(LAYOUT.bronze())
        + " WHERE kafka_topic = '" + topic + "' ORDER BY kafka_offset").collectAsList();
    assertThat(rows).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(rows.get(i).getString(0).getBytes(StandardCharsets.UTF_8))
          .as("line %d", i).isEqualTo(lines.get(i).getBytes(StandardCharsets.UTF_8));
      assertThat(rows.get(i).getString(1)).isNull();
    }
  }

  @Test
  void processingTimeStreamPicksUpNewRecordsUntilStopped() {
    String topic = "bronze-continuous";
    broker.createTopic(topic, 2);
    List<SimulatedRecord> records = EventSimulator.generate(SimulationOptions.defaults().withUsers(8)).records();
    int half = records.size() / 2;
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      sender.send(topic, records.subList(0, half));
      BronzeQuery query = BronzeJob.start(spark, BronzeSettings.of(broker.bootstrapServers(), topic,
          dir.resolve("cp-continuous").toString(), LAYOUT).withTrigger(TriggerSpec.parse("processing-time:500ms")));
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> query.result().rowsWritten() == half);
        sender.send(topic, records.subList(half, records.size()));
        await().atMost(Duration.ofSeconds(60)).until(() -> query.result().rowsWritten() == records.size());
      } finally {
        BronzeResult result = query.stop();
        assertThat(result.batchesCommitted()).isGreaterThanOrEqualTo(2);
      }
    }
    assertThat(query(topic)).containsExactly((long) records.size(), (long) records.size());
  }

  private static long[] query(String topic) {
    return BronzeTables.countAndDistinct(spark, LAYOUT, topic);
  }

  private static String fingerprint(SimulatedRecord r) {
    return r.key() + "|" + r.value() + "|" + r.sendTime();
  }
}
