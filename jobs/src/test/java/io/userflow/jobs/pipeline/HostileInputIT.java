package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.EventLimits;
import io.userflow.jobs.silver.EventValidator;
import io.userflow.jobs.silver.HostileRecords;
import io.userflow.jobs.silver.RejectReason;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.Sessions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile records mixed into good ones, through the real broker, Bronze, Silver and Gold: no stage fails, every
 * record ends as exactly one Silver row or one reject, Silver holds each value as sent, rejects hold the bytes as
 * sent, and Gold's sums at the largest prices and quantities a pipeline may allow are exact.
 */
class HostileInputIT {
  static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");
  /** The widest limits a pipeline may set, so Gold's arithmetic meets the largest valid values. */
  static final EventLimits WIDEST = new EventLimits(1_100_000, 1_000_000, 1_000_000, EventLimits.FLOOR_LOWEST, null,
      Duration.ofMinutes(5), EventLimits.PRICE_CEILING, EventLimits.QUANTITY_CEILING);
  static final TableLayout LAYOUT = TableLayout.defaults();

  @TempDir static Path dir;
  static SparkSession spark;
  static LocalBroker broker;

  @BeforeAll
  static void start() {
    broker = SharedBroker.get();
    CatalogSettings catalog = CatalogSettings.local(LAYOUT.catalog(), dir.resolve("lake"));
    Catalogs.prepareLocalFolder(catalog);
    spark = Sessions.create("hostile-input", catalog, "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** One record as sent: value bytes (null: no value), key bytes, Kafka timestamp. */
  record Sent(byte[] value, byte[] key, Instant timestamp) {}

  static List<Sent> records() {
    List<Sent> out = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 3_000; i++) {
      out.add(new Sent(HostileRecords.any(HostileRecords.Choices.of(random)), i % 3 == 0 ? null : bytes("k" + i), RECEIVED));
    }
    String purchase = "{\"event_id\":\"big-%d\",\"user_id\":\"whale\",\"event_type\":\"purchase\","
        + "\"event_time\":\"2026-11-01T10:00:%02d.000Z\",\"price\":99999999999999.9999,\"quantity\":1000000}";
    for (int i = 0; i < 50; i++) {
      out.add(new Sent(bytes(String.format(purchase, i, i)), bytes("whale"), RECEIVED));
    }
    // good records as the simulator makes them: sessions, purchases, late and out-of-order events
    for (var r : io.userflow.devkit.simulator.EventSimulator.generate(io.userflow.devkit.simulator.SimulationOptions.defaults()
        .withUsers(30).withDuration(Duration.ofHours(12)).withFaults(io.userflow.devkit.simulator.FaultRates.none())).records()) {
      out.add(new Sent(bytes(r.value()), r.key() == null ? null : bytes(r.key()), r.sendTime()));
    }
    String event = "{\"event_id\":\"%s\",\"user_id\":\"%s\",\"event_type\":\"login\",\"event_time\":\"%s\"}";
    out.add(new Sent(bytes(String.format(event, "far-future", "u1", "+100000-01-01T00:00:00Z")), null, RECEIVED));
    out.add(new Sent(bytes(String.format(event, "julian", "u1", "1500-03-01T00:00:00Z")), null, RECEIVED));
    out.add(new Sent(bytes(String.format(event, "big-user", "u".repeat(1_000_000), "2026-11-01T10:00:00Z")), null, RECEIVED));
    out.add(new Sent(bytes(String.format(event, "next-century", "u2", "2100-01-01T00:04:59.999999Z")), null,
        Instant.parse("2100-01-01T00:00:00Z")));
    out.add(new Sent(bytes(String.format(event, "epoch", "u3", "1970-01-01T00:00:00Z")), null, Instant.EPOCH));
    out.add(new Sent(HexFormat.of().parseHex("7b226576656e745f6964223a22c3282200"), new byte[] {(byte) 0xff}, RECEIVED));
    out.add(new Sent(null, bytes("tombstone"), RECEIVED));
    out.add(new Sent(new byte[0], null, RECEIVED));
    return out;
  }

  @Test
  void everyRecordEndsAsOneSilverRowOrOneRejectAndNoStageFails() throws Exception {
    String topic = "hostile";
    broker.createTopic(topic, 2);
    List<Sent> sent = records();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2000000");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        Sent s = sent.get(i);
        acks.add(producer.send(new ProducerRecord<>(topic, i % 2, s.timestamp().toEpochMilli(), s.key(), s.value())));
      }
      producer.flush();
      for (var ack : acks) {
        ack.get(); // every record reached the broker
      }
    }

    BronzeJob.run(spark, BronzeSettings.of(broker.bootstrapServers(), topic, dir.resolve("cp").toString(), LAYOUT));
    SilverStage.Settings settings = new SilverStage.Settings(30, 1.0, WIDEST, Duration.ofHours(1));
    SilverResult silver = SilverStage.run(spark, LAYOUT, RunContext.of("hostile", "s1",
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), settings);
    GoldResult gold = GoldStage.run(spark, LAYOUT, RunContext.of("hostile", "g1", PlanRequest.auto(GoldStage.TRANSFORM_VERSION)));
    assertThat(silver.published()).as("Silver published").isTrue();

    // what each record must become, by the contract: the first valid copy of each event_id, or a reject
    EventValidator validator = new EventValidator(WIDEST);
    Map<String, EventValidator.ValidEvent> firstValid = new HashMap<>();
    Map<String, Integer> expectedRejects = new TreeMap<>();
    List<String> sentRejected = new ArrayList<>();
    List<EventValidator.Result> verdicts = new ArrayList<>();
    for (Sent s : sent) {
      EventValidator.Result r = validator.validate(s.value(), s.timestamp());
      verdicts.add(r);
      if (r.reason() != null) {
        assertThat(r.reason()).isNotEqualTo(RejectReason.VALIDATOR_FAILED);
        expectedRejects.merge(r.reason().name(), 1, Integer::sum);
        sentRejected.add(s.value() == null ? "null" : HexFormat.of().formatHex(s.value()));
      }
    }
    // first received: earliest Kafka timestamp, then partition, then offset. Records whose ids repeat all carry
    // RECEIVED, so partition 0 in send order comes first, then partition 1 (record i went to partition i % 2).
    for (int p = 0; p < 2; p++) {
      for (int i = p; i < sent.size(); i += 2) {
        EventValidator.Result r = verdicts.get(i);
        if (r.event() != null) {
          firstValid.putIfAbsent(r.event().eventId(), r.event());
        }
      }
    }

    String silverTable = LAYOUT.sparkName(LAYOUT.silver());
    List<Row> rows = spark.sql("SELECT event_id, user_id, event_type, event_time, price, quantity FROM " + silverTable)
        .collectAsList();
    assertThat(rows).hasSize(firstValid.size());
    for (Row row : rows) {
      EventValidator.ValidEvent e = firstValid.get(row.getString(0));
      assertThat(e).as("Silver row %s", row.getString(0)).isNotNull();
      assertThat(row.getString(1)).isEqualTo(e.userId());
      assertThat(row.getString(2)).isEqualTo(e.eventType());
      assertThat(row.getTimestamp(3).toInstant()).isEqualTo(e.eventTime());
      assertThat(row.isNullAt(4) ? null : row.getDecimal(4)).isEqualTo(e.price());
      assertThat(row.isNullAt(5) ? null : row.getInt(5)).isEqualTo(e.quantity());
    }

    Map<String, Integer> rejects = new TreeMap<>();
    spark.sql("SELECT reason_code, count(*) FROM " + LAYOUT.sparkName(LAYOUT.rejects()) + " GROUP BY reason_code")
        .collectAsList().forEach(r -> rejects.put(r.getString(0), (int) r.getLong(1)));
    assertThat(rejects).isEqualTo(expectedRejects);
    // rejects keep the bytes as sent, invalid UTF-8 included
    List<String> storedRejected = spark.sql("SELECT hex(CAST(raw_value AS BINARY)) FROM "
            + LAYOUT.sparkName(LAYOUT.rejects())).collectAsList().stream()
        .map(r -> r.isNullAt(0) ? "null" : r.getString(0).toLowerCase()).sorted().toList();
    assertThat(storedRejected).isEqualTo(sentRejected.stream().sorted().toList());

    // Gold: the whale's 50 purchases at the largest price and quantity sum exactly
    BigDecimal whale = spark.sql("SELECT sum(revenue) FROM " + LAYOUT.sparkName(LAYOUT.goldDaily())
        + " WHERE user_id = 'whale'").first().getDecimal(0);
    assertThat(whale).isEqualByComparingTo(EventLimits.PRICE_CEILING.multiply(BigDecimal.valueOf(50L * 1_000_000)));
    long events = spark.sql("SELECT sum(event_count) FROM " + LAYOUT.sparkName(LAYOUT.goldDaily())).first().getLong(0);
    assertThat(events).isEqualTo(firstValid.size());
    BigDecimal expectedRevenue = firstValid.values().stream().filter(e -> e.eventType().equals("purchase"))
        .map(e -> e.price().multiply(BigDecimal.valueOf(e.quantity() == null ? 1 : e.quantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(spark.sql("SELECT sum(revenue) FROM " + LAYOUT.sparkName(LAYOUT.goldDaily())).first().getDecimal(0))
        .isEqualByComparingTo(expectedRevenue);
    assertThat(gold.dailySnapshotId()).isNotNull();

    // and a rerun over the same input is a NOOP, not a failure
    assertThat(SilverStage.run(spark, LAYOUT, RunContext.of("hostile", "s2",
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), settings).plan().isNoop()).isTrue();
  }

  @Test
  void aRecordTimestampSparkCannotConvertNeverReachesBronze() throws Exception {
    // Spark's Kafka source fails with "long overflow" on every run for a timestamp past year 294247 (measured with
    // 9.3e15 ms): the broker's message.timestamp.after.max.ms is the guard, and the local broker sets it
    broker.createTopic("hostile-timestamps", 1);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      var refused = producer.send(new ProducerRecord<>("hostile-timestamps", 0, 9_300_000_000_000_000L, null, bytes("x")));
      org.assertj.core.api.Assertions.assertThatThrownBy(refused::get)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.InvalidTimestampException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
