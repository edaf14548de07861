package io.userflow.devkit.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to Kafka in the given order with an idempotent producer ({@code acks=all}), then flushes
 * and fails if any record failed. Simulated records carry their send time as the record timestamp.
 */
public final class KafkaEventSender implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  public KafkaEventSender(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "userflow-simulator");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(p);
  }

  /** Sends simulated records keyed by user id, timestamped with their intended send time. */
  public SendReport send(String topic, List<SimulatedRecord> records) {
    return sendAll(topic, records.size(), i -> {
      SimulatedRecord r = records.get(i);
      byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
      return new ProducerRecord<>(topic, null, r.sendTime().toEpochMilli(), key,
          r.value().getBytes(StandardCharsets.UTF_8));
    });
  }

  /** Sends raw values unchanged, without key, timestamped by the producer's clock. */
  public SendReport sendValues(String topic, List<byte[]> values) {
    return sendAll(topic, values.size(), i -> new ProducerRecord<>(topic, null, null, null, values.get(i)));
  }

  private SendReport sendAll(String topic, int count, java.util.function.IntFunction<ProducerRecord<byte[], byte[]>> record) {
    long t0 = System.nanoTime();
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong bytes = new AtomicLong();
    Callback callback = (metadata, ex) -> {
      if (ex != null) {
        failure.compareAndSet(null, ex);
      }
    };
    for (int i = 0; i < count && failure.get() == null; i++) {
      ProducerRecord<byte[], byte[]> r = record.apply(i);
      bytes.addAndGet(r.value() == null ? 0 : r.value().length);
      producer.send(r, callback);
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("sending to topic " + topic + " failed: " + failure.get().getMessage(), failure.get());
    }
    return new SendReport(topic, count, bytes.get(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public void close() {
    producer.close();
  }

  /**
   * @param topic topic written
   * @param records records acknowledged
   * @param valueBytes sum of value sizes
   * @param elapsedMillis time from the first send to the end of the flush
   */
  public record SendReport(String topic, long records, long valueBytes, long elapsedMillis) {}
}
