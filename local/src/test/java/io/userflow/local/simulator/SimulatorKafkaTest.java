package io.userflow.local.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.JsonLinesFile;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate and replay against the real broker, read back with a plain consumer. */
class SimulatorKafkaTest {
  @TempDir Path dir;

  @Test
  void simulateSendsExactlyTheGeneratedRecordsWithTheirSendTimes() throws Exception {
    LocalBroker broker = SharedBroker.get();
    broker.createTopic("sim-kafka", 2);
    Path file = dir.resolve("sent.jsonl");
    assertThat(cli("simulate", "--bootstrap-servers", broker.bootstrapServers(), "--topic", "sim-kafka",
        "--users", "25", "--duration", "12h", "--output", file.toString())).isZero();

    Simulation expected = EventSimulator.generate(SimulationOptions.defaults().withUsers(25).withDuration(Duration.ofHours(12)));
    assertThat(Files.readAllLines(file)).isEqualTo(expected.values());
    List<ConsumerRecord<byte[], byte[]>> got = readAll(broker, "sim-kafka");
    assertThat(got.stream().map(r -> str(r.key()) + "|" + str(r.value()) + "|" + r.timestamp()).sorted().toList())
        .isEqualTo(expected.records().stream()
            .map(r -> r.key() + "|" + r.value() + "|" + r.sendTime().toEpochMilli()).sorted().toList());
    // keyed by user: one user's records stay in one partition, in send order
    assertThat(got.stream().filter(r -> r.key() != null).collect(java.util.stream.Collectors.groupingBy(
        r -> str(r.key()), java.util.stream.Collectors.mapping(ConsumerRecord::partition, java.util.stream.Collectors.toSet()))))
        .allSatisfy((user, partitions) -> assertThat(partitions).hasSize(1));
  }

  @Test
  void replaySendsEveryLineByteForByte() throws Exception {
    LocalBroker broker = SharedBroker.get();
    broker.createTopic("sim-replay", 1);
    Path file = dir.resolve("raw.jsonl");
    byte[] raw = "{\"a\":1}\n{\"trunc\n\nnot json\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] withInvalidUtf8 = Arrays.copyOf(raw, raw.length + 3);
    withInvalidUtf8[raw.length] = (byte) 0xC3;
    withInvalidUtf8[raw.length + 1] = (byte) 0x28;
    withInvalidUtf8[raw.length + 2] = '\n';
    Files.write(file, withInvalidUtf8);

    assertThat(cli("replay", "--bootstrap-servers", broker.bootstrapServers(), "--topic", "sim-replay", "--input", file.toString())).isZero();

    List<ConsumerRecord<byte[], byte[]>> got = readAll(broker, "sim-replay");
    assertThat(got).extracting(ConsumerRecord::value).containsExactlyElementsOf(JsonLinesFile.readValues(file));
    assertThat(got).extracting(ConsumerRecord::key).containsOnlyNulls();
  }

  private static int cli(String... args) {
    var cl = SimulatorMain.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return cl.execute(args);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(LocalBroker broker, String topic) {
    long expected = broker.totalEndOffset(topic);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = broker.endOffsets(topic).keySet().stream().map(i -> new TopicPartition(topic, i)).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + 30_000;
      while (out.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    assertThat(out).hasSize((int) expected);
    return out;
  }

  private static String str(byte[] b) {
    return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
