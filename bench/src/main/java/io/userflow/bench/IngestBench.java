package io.userflow.bench;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.broker.LocalBroker;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.bronze.BronzeResult;
import io.userflow.jobs.bronze.BronzeSettings;
import io.userflow.jobs.simulator.EventSimulator;
import io.userflow.jobs.simulator.KafkaEventSender;
import io.userflow.jobs.simulator.Simulation;
import io.userflow.jobs.simulator.SimulationOptions;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.SparkSession;

/**
 * Bronze ingest throughput divided by a plain kafka-clients consumer reading the same topic from the same broker:
 * how much of the broker's read speed survives Spark, the Iceberg commit and the checkpoint.
 */
public final class IngestBench {
  private IngestBench() {}

  /** Events and the two speeds. */
  public record Figure(long events, double bronzeEventsPerSecond, double consumerEventsPerSecond) {
    public double ratio() {
      return bronzeEventsPerSecond / consumerEventsPerSecond;
    }
  }

  public static Figure run(Path dir, int targetEvents, Progress progress) {
    progress.say("ingest: starting a Kafka broker");
    try (LocalBroker broker = LocalBroker.start(dir.resolve("broker"))) {
      String topic = "bench-events";
      broker.createTopic(topic, 2);
      // about 16 events per user per day at the default session rate
      int users = Math.max(10, targetEvents / 16);
      Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withUsers(users));
      try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
        sender.send(topic, sim.records());
      }
      long events = broker.totalEndOffset(topic);
      progress.say(String.format("ingest: %,d events in topic %s", events, topic));

      double consumerSeconds = timeConsumer(broker.bootstrapServers(), topic, broker.endOffsets(topic));
      progress.say(String.format("ingest: plain consumer read them in %.2f s", consumerSeconds));

      SparkSession spark = Sessions.create("userflow-bench-ingest", CatalogSettings.local("userflow", dir.resolve("catalog")), "local[2]");
      try {
        BronzeSettings settings = BronzeSettings.of(broker.bootstrapServers(), topic,
            dir.resolve("checkpoint").toString(), TableLayout.defaults());
        long t0 = System.nanoTime();
        BronzeResult result = BronzeJob.run(spark, settings);
        double bronzeSeconds = (System.nanoTime() - t0) / 1e9;
        progress.say(String.format("ingest: Bronze (AvailableNow) ingested them in %.2f s: %s", bronzeSeconds, result.toJson()));
        return new Figure(events, events / bronzeSeconds, events / consumerSeconds);
      } finally {
        spark.stop();
      }
    }
  }

  private static double timeConsumer(String bootstrap, String topic, Map<Integer, Long> endOffsets) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = endOffsets.keySet().stream().map(i -> new TopicPartition(topic, i)).toList();
      long t0 = System.nanoTime();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long seen = 0;
      long bytes = 0;
      while (seen < total) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        for (var r : batch) {
          bytes += r.value() == null ? 0 : r.value().length;
          seen++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (bytes < 0) {
        throw new IllegalStateException("unreachable");
      }
      return seconds;
    }
  }
}
