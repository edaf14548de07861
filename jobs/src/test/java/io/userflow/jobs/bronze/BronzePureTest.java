package io.userflow.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bronze decisions that need no Spark: triggers, offsets, lineage and the replay check. */
class BronzePureTest {
  private static final BronzeSettings SETTINGS = BronzeSettings.of("127.0.0.1:9092", "events", "/tmp/cp", TableLayout.defaults())
      .withPipeline("shop").withTransformVersion("bronze-7");

  @Test
  void parsesTriggers() {
    assertThat(TriggerSpec.parse("available-now").isAvailableNow()).isTrue();
    assertThat(TriggerSpec.parse("processing-time:10s").interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(TriggerSpec.parse("processing-time:500ms").interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(TriggerSpec.parse("processing-time:2m").interval()).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> TriggerSpec.parse("once")).hasMessageContaining("available-now or processing-time");
    assertThatThrownBy(() -> TriggerSpec.parse("processing-time:0s")).hasMessageContaining("positive");
  }

  @Test
  void offsetsRoundTripAndMerge() {
    KafkaOffsets a = KafkaOffsets.parse("events/0:10,events/1:7");
    assertThat(a.format()).isEqualTo("events/0:10,events/1:7");
    assertThat(a.forTopic("events")).containsExactly(Map.entry(0, 10L), Map.entry(1, 7L));
    assertThat(a.merge(KafkaOffsets.parse("events/1:9,other.t-1/0:3")).format())
        .isEqualTo("events/0:10,events/1:9,other.t-1/0:3");
    assertThat(KafkaOffsets.fromSparkJson("{\"events\":{\"1\":9,\"0\":10}}").format()).isEqualTo("events/0:10,events/1:9");
    assertThat(KafkaOffsets.parse("").isEmpty()).isTrue();
    assertThat(a.total()).isEqualTo(17);
    assertThatThrownBy(() -> KafkaOffsets.parse("events:10")).hasMessageContaining("topic/partition:offset");
  }

  @Test
  void summaryCarriesEveryLineageKey() {
    Map<String, String> s = BronzeLineage.summary(SETTINGS, "q-1", 4, KafkaOffsets.parse("events/0:10"));
    assertThat(s).containsEntry(LineageKeys.PIPELINE, "shop")
        .containsEntry(LineageKeys.STAGE, "bronze")
        .containsEntry(LineageKeys.RUN_ID, "q-1") // no run id given: the query id
        .containsEntry(LineageKeys.TRANSFORM_VERSION, "bronze-7")
        .containsEntry(LineageKeys.BATCH_ID, "4")
        .containsEntry(LineageKeys.KAFKA_OFFSETS, "events/0:10")
        .containsEntry(BronzeLineage.QUERY_ID, "q-1");
    assertThat(BronzeLineage.summary(SETTINGS.withRunId("run-9"), "q-1", 4, KafkaOffsets.empty()))
        .containsEntry(LineageKeys.RUN_ID, "run-9");
    assertThat(LineageKeys.writeOptions(s)).containsEntry("snapshot-property.userflow.batch-id", "4");
  }

  @Test
  void findsAnEarlierCommitOfTheSameQueryAndBatchOnly() {
    List<BronzeLineage.Commit> newestFirst = List.of(
        commit(105, "q-2", 0),
        commit(104, "q-1", 3),
        commit(103, "q-1", 2),
        commit(102, "q-1", 1));
    assertThat(BronzeLineage.findCommit(newestFirst, "q-1", 3)).contains(104L);
    assertThat(BronzeLineage.findCommit(newestFirst, "q-1", 2)).contains(103L);
    assertThat(BronzeLineage.findCommit(newestFirst, "q-1", 4)).isEmpty();
    assertThat(BronzeLineage.findCommit(newestFirst, "q-2", 1)).isEmpty();
    assertThat(BronzeLineage.findCommit(newestFirst, "q-3", 0)).isEmpty();
    assertThat(BronzeLineage.findCommit(List.of(), "q-1", 0)).isEmpty();
  }

  @Test
  void createsAFormatVersion2TablePartitionedByIngestDate() {
    String sql = BronzeTable.createTableSql("userflow.events.bronze_events");
    assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS userflow.events.bronze_events (raw_value STRING,raw_key STRING,"
        + "kafka_topic STRING,kafka_partition INT,kafka_offset BIGINT,kafka_timestamp TIMESTAMP,ingest_time TIMESTAMP,"
        + "ingest_date DATE) USING iceberg PARTITIONED BY (ingest_date)").contains("'format-version'='2'");
  }

  @Test
  void rejectsIncompleteSettings() {
    assertThatThrownBy(() -> BronzeSettings.of("", "t", "/cp", TableLayout.defaults())).hasMessageContaining("bootstrap servers");
    assertThatThrownBy(() -> SETTINGS.withMaxOffsetsPerTrigger(0L)).hasMessageContaining("at least 1");
  }

  @Test
  void commandLineRejectsUnknownOptionsAndBadTriggersBeforeStartingSpark() {
    java.io.StringWriter err = new java.io.StringWriter();
    var cli = BronzeJob.commandLine();
    cli.setErr(new java.io.PrintWriter(err, true));
    String[] required = {"--bootstrap-servers", "127.0.0.1:1", "--topic", "t", "--checkpoint", "/tmp/cp"};
    assertThat(cli.execute(concat(required, "--triger", "available-now"))).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("'--triger'");
    assertThat(cli.execute(concat(required, "--trigger", "now"))).isEqualTo(2);
    assertThat(err.toString()).contains("trigger must be available-now or processing-time");
    // the job knows no local broker: the address is required (./userflow bronze fills it in, see local's LocalBronze)
    assertThat(cli.execute("--topic", "t", "--local-dir", "target/no-broker-here")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--bootstrap-servers");
  }

  private static String[] concat(String[] a, String... b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
  }

  private static BronzeLineage.Commit commit(long id, String query, long batch) {
    return new BronzeLineage.Commit(id, Map.of(BronzeLineage.QUERY_ID, query, LineageKeys.BATCH_ID, Long.toString(batch)));
  }
}
