package io.userflow.bench;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.layout.BronzeColumns;
import io.userflow.core.layout.TableLayout;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeQuery;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.bronze.BronzeTransform;
import io.userflow.jobs.bronze.TriggerSpec;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.SparkSession;

/**
 * Bronze against what a user would pick instead, on the same topic of the same broker in one run: a plain
 * kafka-clients consumer (writes nothing), Bronze in available-now and in processing-time mode, and Apache Iceberg's
 * Kafka Connect sink in a standalone worker with the same commit interval as Bronze's trigger. Each sink's speed is
 * read from its table's snapshots ({@link CommitTimeline}), and each table must hold exactly the topic's records
 * ({@link TableCheck}).
 */
public final class IngestBench {
  static final String TOPIC = "bench-events";
  static final String NAMESPACE = "bench";
  static final int PARTITIONS = 2;
  static final String CONNECT_NAME = "iceberg kafka connect sink";
  private static final int CHUNK_EVENTS = 250_000;
  private static final Duration SINK_TIMEOUT = Duration.ofMinutes(10);

  private IngestBench() {}

  /**
   * @param events at least this many events in the topic
   * @param commitInterval Bronze's processing-time trigger and the Connect sink's commit interval
   * @param maxOffsetsPerTrigger Bronze's micro-batch limit (null: none); available-now then runs several batches
   */
  public record Options(long events, Duration commitInterval, Long maxOffsetsPerTrigger, List<Sink> sinks) {}

  /** The sinks the benchmark can run, in the order it runs them. */
  public enum Sink { BRONZE_AVAILABLE_NOW, BRONZE_PROCESSING_TIME, CONNECT }

  /** One sink's run: how it went by its commits and whether its table is right. */
  public record SinkFigure(String name, CommitTimeline timeline, List<String> problems) {}

  /** The whole run. */
  public record Figure(long events, long valueBytes, List<ConsumerRun> consumerRuns, List<Double> sparkReadSeconds,
      List<SinkFigure> sinks) {
    /** The median of the consumer runs' steady rates: the denominator of the ratios. */
    double consumerEventsPerSecond() {
      double[] rates = consumerRuns.stream().mapToDouble(ConsumerRun::steadyEventsPerSecond).sorted().toArray();
      return rates[rates.length / 2];
    }
  }

  /**
   * One read of the whole topic by a plain consumer. Steady excludes the start (assign, seek, the first fetch): it
   * counts the records after the first poll that returned any, over the time from that poll's return to the end.
   */
  public record ConsumerRun(long records, double totalSeconds, long firstPollRecords, double steadySeconds) {
    double steadyEventsPerSecond() {
      return (records - firstPollRecords) / steadySeconds;
    }

    double overallEventsPerSecond() {
      return records / totalSeconds;
    }
  }

  /** Reads of the topic by Spark's Kafka source into Bronze rows, into Spark's noop sink (the first one warms up). */
  static final int SPARK_READS = 2;

  /** Consumer reads per run: single reads of a few seconds varied 2x between runs on a shared 2-core machine. */
  static final int CONSUMER_RUNS = 3;

  public static Figure run(Path dir, Options options, Progress progress) {
    progress.say("ingest: starting a Kafka broker");
    CatalogSettings catalogSettings = CatalogSettings.local(TableLayout.DEFAULT_CATALOG, dir.resolve("catalog"));
    try (LocalBroker broker = LocalBroker.start(dir.resolve("broker"))) {
      broker.createTopic(TOPIC, PARTITIONS);
      long valueBytes = fill(broker, options.events(), progress);
      Map<Integer, Long> ends = broker.endOffsets(TOPIC);
      long events = ends.values().stream().mapToLong(Long::longValue).sum();

      List<ConsumerRun> consumerRuns = new ArrayList<>();
      for (int i = 0; i < CONSUMER_RUNS; i++) {
        ConsumerRun run = timeConsumer(broker.bootstrapServers(), ends);
        consumerRuns.add(run);
        progress.say(String.format("ingest: plain consumer read %,d events in %.2f s (steady %,.0f events/s)", events,
            run.totalSeconds(), run.steadyEventsPerSecond()));
      }

      Catalog catalog = Catalogs.open(catalogSettings);
      List<SinkFigure> sinks = new ArrayList<>();
      List<String> tables = new ArrayList<>();
      TriggerSpec processingTime = TriggerSpec.processingTime(options.commitInterval());
      for (TriggerSpec trigger : List.of(TriggerSpec.availableNow(), processingTime)) {
        if (!options.sinks().contains(trigger.isAvailableNow() ? Sink.BRONZE_AVAILABLE_NOW : Sink.BRONZE_PROCESSING_TIME)) {
          continue;
        }
        String table = trigger.isAvailableNow() ? "bronze_available_now" : "bronze_processing_time";
        progress.say("ingest: Bronze " + trigger + " into " + NAMESPACE + "." + table);
        long t0 = System.currentTimeMillis();
        runBronze(broker.bootstrapServers(), catalogSettings, catalog, table, trigger, options, dir, events, progress);
        sinks.add(new SinkFigure("bronze " + trigger, CommitTimeline.of(load(catalog, table), t0), List.of()));
        tables.add(table);
        progress.say(String.format("ingest: Bronze %s done in %.1f s", trigger, (System.currentTimeMillis() - t0) / 1000.0));
      }

      String connectTable = "connect_sink";
      if (options.sinks().contains(Sink.CONNECT)) {
      progress.say("ingest: Iceberg Kafka Connect sink into " + NAMESPACE + "." + connectTable);
      long t0 = System.currentTimeMillis();
      ConnectWorker.Sink sink = new ConnectWorker.Sink(broker.bootstrapServers(), TOPIC, NAMESPACE + "." + connectTable,
          catalogSettings, options.commitInterval(), PARTITIONS);
      try (ConnectWorker worker = ConnectWorker.start(sink, dir.resolve("connect"))) {
        awaitRecords(catalog, connectTable, events, worker::checkRunning, progress);
      }
      sinks.add(new SinkFigure(CONNECT_NAME, CommitTimeline.of(load(catalog, connectTable), t0), List.of()));
      tables.add(connectTable);
      progress.say(String.format("ingest: Connect sink done in %.1f s", (System.currentTimeMillis() - t0) / 1000.0));
      }

      progress.say("ingest: checking every table holds each (partition, offset) of the topic once");
      List<Double> sparkReadSeconds = new ArrayList<>();
      SparkSession spark = Sessions.create("userflow-bench-check", catalogSettings, "local[2]");
      try {
        for (int i = 0; i < sinks.size(); i++) {
          String name = TableLayout.DEFAULT_CATALOG + "." + NAMESPACE + "." + tables.get(i);
          List<String> problems = TableCheck.problems(ends,
              TableCheck.read(spark, name, BronzeColumns.PARTITION, BronzeColumns.OFFSET));
          sinks.set(i, new SinkFigure(sinks.get(i).name(), sinks.get(i).timeline(), problems));
        }
        for (int i = 0; i < SPARK_READS; i++) {
          double seconds = timeSparkRead(spark, broker.bootstrapServers());
          sparkReadSeconds.add(seconds);
          progress.say(String.format("ingest: Spark read the topic into Bronze rows, writing nothing, in %.2f s", seconds));
        }
      } finally {
        spark.stop();
      }
      return new Figure(events, valueBytes, consumerRuns, sparkReadSeconds, sinks);
    }
  }

  /** Simulated users' events, produced in chunks of {@value #CHUNK_EVENTS} so memory stays flat; returns value bytes. */
  private static long fill(LocalBroker broker, long target, Progress progress) {
    long bytes = 0;
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      for (long seed = 1; broker.totalEndOffset(TOPIC) < target; seed++) {
        // about 16 events per user per day at the default session rate
        int users = (int) Math.max(10, Math.min(CHUNK_EVENTS, target - broker.totalEndOffset(TOPIC)) / 16);
        bytes += sender.send(TOPIC, EventSimulator.generate(SimulationOptions.defaults().withUsers(users).withSeed(seed))
            .records()).valueBytes();
        progress.say(String.format("ingest: %,d events in topic %s", broker.totalEndOffset(TOPIC), TOPIC));
      }
    }
    return bytes;
  }

  private static void runBronze(String bootstrap, CatalogSettings catalogSettings, Catalog catalog, String table,
      TriggerSpec trigger, Options options, Path dir, long events, Progress progress) {
    TableLayout d = TableLayout.defaults();
    TableLayout layout = new TableLayout(d.catalog(), NAMESPACE, table, d.silver(), d.rejects(), d.goldDaily(), d.goldRolling());
    SparkSession spark = Sessions.create("userflow-bench-" + table, catalogSettings, "local[2]");
    try {
      BronzeSettings settings = BronzeSettings.of(bootstrap, TOPIC, dir.resolve("checkpoint-" + table).toString(), layout)
          .withTrigger(trigger).withMaxOffsetsPerTrigger(options.maxOffsetsPerTrigger());
      if (trigger.isAvailableNow()) {
        BronzeJob.run(spark, settings);
        return;
      }
      BronzeQuery query = BronzeJob.start(spark, settings);
      try {
        awaitRecords(catalog, table, events, deadline -> {
          if (!query.query().isActive()) {
            query.awaitTermination();
            throw new IllegalStateException("Bronze stopped before its table held every record");
          }
        }, progress);
      } finally {
        query.stop();
      }
    } finally {
      spark.stop();
    }
  }

  /** Something that fails if the sink died or the deadline (nanoTime) passed. */
  interface Liveness {
    void check(long deadlineNanos);
  }

  private static void awaitRecords(Catalog catalog, String table, long events, Liveness alive, Progress progress) {
    long deadline = System.nanoTime() + SINK_TIMEOUT.toNanos();
    long shown = -1;
    while (true) {
      alive.check(deadline);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(table + " did not hold all " + events + " records within " + SINK_TIMEOUT);
      }
      long records = totalRecords(catalog, table);
      if (records != shown) {
        progress.say(String.format("ingest: %s holds %,d of %,d records", table, records, events));
        shown = records;
      }
      if (records >= events) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + table, e);
      }
    }
  }

  private static long totalRecords(Catalog catalog, String table) {
    try {
      Snapshot s = catalog.loadTable(TableIdentifier.of(NAMESPACE, table)).currentSnapshot();
      return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
    } catch (NoSuchTableException e) {
      return 0;
    }
  }

  private static Table load(Catalog catalog, String table) {
    return catalog.loadTable(TableIdentifier.of(NAMESPACE, table));
  }

  /**
   * One batch read of the whole topic by Spark's Kafka source through Bronze's own transform, written to Spark's
   * {@code noop} sink: Bronze's work without the Parquet encoding, compression and the Iceberg commit.
   */
  private static double timeSparkRead(SparkSession spark, String bootstrap) {
    long t0 = System.nanoTime();
    BronzeTransform.toBronze(spark.read().format("kafka").option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", TOPIC).option("startingOffsets", "earliest").option("endingOffsets", "latest").load())
        .write().format("noop").mode("overwrite").save();
    return (System.nanoTime() - t0) / 1e9;
  }

  private static ConsumerRun timeConsumer(String bootstrap, Map<Integer, Long> endOffsets) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = endOffsets.keySet().stream().map(i -> new TopicPartition(TOPIC, i)).toList();
      long t0 = System.nanoTime();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long seen = 0;
      long bytes = 0;
      long firstPoll = 0;
      long tFirst = 0;
      while (seen < total) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        for (var r : batch) {
          bytes += r.value() == null ? 0 : r.value().length;
          seen++;
        }
        if (firstPoll == 0 && seen > 0) {
          firstPoll = seen;
          tFirst = System.nanoTime();
        }
      }
      long tEnd = System.nanoTime();
      if (bytes < 0) {
        throw new IllegalStateException("unreachable");
      }
      return new ConsumerRun(seen, (tEnd - t0) / 1e9, firstPoll, (tEnd - tFirst) / 1e9);
    }
  }
}
