package io.userflow.devkit.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import io.userflow.core.kafka.KafkaSecurity;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real broker (shared per test JVM). */
class LocalBrokerTest {

  @Test
  void createsTopicsAndReportsEndOffsets() throws Exception {
    LocalBroker broker = SharedBroker.get();
    broker.createTopic("broker-test", 3);
    broker.createTopic("broker-test", 3); // idempotent
    assertThat(broker.endOffsets("broker-test")).containsExactly(
        java.util.Map.entry(0, 0L), java.util.Map.entry(1, 0L), java.util.Map.entry(2, 0L));

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < 10; i++) {
        // a timestamp three years back: accepted because the broker sets no timestamp bounds
        producer.send(new ProducerRecord<>("broker-test", i % 3, 1_700_000_000_000L, "k", "v" + i)).get();
      }
    }
    assertThat(broker.endOffsets("broker-test")).containsExactly(
        java.util.Map.entry(0, 4L), java.util.Map.entry(1, 3L), java.util.Map.entry(2, 3L));
    assertThat(broker.totalEndOffset("broker-test")).isEqualTo(10);
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(new String(java.nio.file.Files.readAllBytes(broker.logFile()), StandardCharsets.UTF_8))
        .contains("Kafka Server started");
  }

  @Test
  void refusesADataDirThatAlreadyHoldsABroker() {
    assertThatThrownBy(() -> LocalBroker.start(SharedBroker.get().dataDir()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds a broker");
  }

  @Test
  void missingBrokerJarsGiveAnInstruction(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalBroker.start(dir.resolve("data"), dir.resolve("nolib")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -pl services/broker package");
  }

  /**
   * A client of the external listener (here 127.0.0.2, a pod's would be a bridge address) is told that address in
   * the metadata, one of the loopback listener 127.0.0.1, so a record written through one is read through the other.
   */
  @Test
  void anExternalListenerAdvertisesItsOwnAddress(@TempDir Path dir) throws Exception {
    try (LocalBroker broker = LocalBroker.startWithExternalListener(dir.resolve("data"), "127.0.0.2")) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(broker.externalBootstrapServers()).startsWith("127.0.0.2:");
      assertThat(advertisedHost(broker.bootstrapServers())).isEqualTo("127.0.0.1");
      assertThat(advertisedHost(broker.externalBootstrapServers())).isEqualTo("127.0.0.2");
      broker.createTopic("external", 1);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.externalBootstrapServers());
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        producer.send(new ProducerRecord<>("external", "k", "v")).get(30, TimeUnit.SECONDS);
      }
      assertThat(broker.totalEndOffset("external")).isEqualTo(1);
    }
    assertThatThrownBy(() -> SharedBroker.get().externalBootstrapServers())
        .hasMessageContaining("no external listener");
  }

  private static String advertisedHost(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().host();
    }
  }

  @Test
  void saslListenersLetTheirUsersInAndRefuseAWrongPassword() throws Exception {
    LocalBroker broker = SharedBroker.get();
    broker.addScramUser("SCRAM-SHA-256", "broker-test-scram", "scram-pw");
    assertThat(clusterId(broker.saslBootstrapServers(), "SASL_PLAINTEXT", "SCRAM-SHA-256", "broker-test-scram",
        "scram-pw", null)).isNotBlank();
    assertThat(clusterId(broker.saslSslBootstrapServers(), "SASL_SSL", "PLAIN", SharedBroker.PLAIN_USER,
        SharedBroker.PLAIN_PASSWORD, broker.caPem())).isNotBlank();
    assertThatThrownBy(() -> clusterId(broker.saslBootstrapServers(), "SASL_PLAINTEXT", "SCRAM-SHA-256",
        "broker-test-scram", "wrong", null)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    assertThatThrownBy(() -> broker.addScramUser("PLAIN", "x", "y")).hasMessageContaining("not a SCRAM mechanism");
  }

  private static String clusterId(String bootstrap, String protocol, String mechanism, String user, String password,
      String caPem) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    new KafkaSecurity(KafkaSecurity.Protocol.valueOf(protocol), KafkaSecurity.Mechanism.of(mechanism), user, password,
        caPem).clientProperties().forEach(p::put);
    try (Admin admin = Admin.create(p)) {
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }
}
