package io.userflow.devkit.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.process.JavaCommand;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  @Test
  void combinedKraftNodeOnLoopbackWithSingleReplicaDefaults() throws Exception {
    BrokerConfig config = new BrokerConfig(19092, 19093, Path.of("/tmp/kraft"));
    Properties p = new Properties();
    p.load(new StringReader(config.serverProperties()));

    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
    assertThat(p.getProperty("node.id")).isEqualTo("1");
    assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
    assertThat(p.getProperty("log.dirs")).isEqualTo("/tmp/kraft");
    assertThat(p.getProperty("num.partitions")).isEqualTo("1");
    assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
    assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
  }

  @Test
  void acceptsSimulatedTimestampsAndNeverDeletes() throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(new BrokerConfig(1, 2, Path.of("x")).serverProperties()));
    assertThat(p.getProperty("log.retention.ms")).isEqualTo("-1");
    // a century ahead, not unlimited: Spark's Kafka source cannot convert timestamps past year 294247
    assertThat(Long.parseLong(p.getProperty("log.message.timestamp.after.max.ms")))
        .isEqualTo(BrokerConfig.MAX_TIMESTAMP_AHEAD_MS).isLessThan(9_000_000_000_000_000L - System.currentTimeMillis());
    assertThat(p.getProperty("log.message.timestamp.before.max.ms")).isEqualTo(Long.toString(Long.MAX_VALUE));
    assertThat(BrokerConfig.TOPIC_CONFIGS).containsEntry("retention.ms", "-1");
  }

  @Test
  void javaCommandUsesTheCurrentJava() {
    JavaCommand c = new JavaCommand(List.of("-Xmx1g"), "lib/*", "kafka.Kafka", List.of("server.properties"));
    assertThat(c.command()).containsExactly(JavaCommand.currentJava().toString(), "-Xmx1g", "-cp", "lib/*",
        "kafka.Kafka", "server.properties");
  }

  @Test
  void saslListenersEnablePlainAndScramAndTlsOnTheSaslSslOne() throws Exception {
    BrokerCertificate cert = new BrokerCertificate(Path.of("/tmp/broker.p12"), "ks-pw", "PEM");
    BrokerConfig config = new BrokerConfig(19092, 19093, Path.of("/tmp/kraft"),
        new BrokerConfig.SaslListeners(19094, 19095, java.util.Map.of("alice", "alice-pw"), cert));
    Properties p = new Properties();
    p.load(new StringReader(config.serverProperties()));
    assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,SASL_PLAINTEXT://127.0.0.1:19094,"
        + "SASL_SSL://127.0.0.1:19095,CONTROLLER://127.0.0.1:19093");
    assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
    assertThat(p.getProperty("listener.security.protocol.map")).contains("SASL_SSL:SASL_SSL");
    assertThat(p.getProperty("sasl.enabled.mechanisms")).isEqualTo("PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
    assertThat(p.getProperty("listener.name.sasl_ssl.plain.sasl.jaas.config"))
        .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required user_alice=\"alice-pw\";");
    assertThat(p.getProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config"))
        .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required;");
    assertThat(p.getProperty("listener.name.sasl_ssl.ssl.keystore.location")).isEqualTo("/tmp/broker.p12");
    assertThat(p.getProperty("listener.name.sasl_plaintext.ssl.keystore.location")).isNull();
  }

  @Test
  void anExternalListenerIsBoundAndAdvertisedOnItsOwnAddressBesideTheLoopbackOne() throws Exception {
    BrokerConfig config = new BrokerConfig(19092, 19093, Path.of("/tmp/kraft"), null,
        new BrokerConfig.ExternalListener("10.244.0.1", 19096));
    Properties p = new Properties();
    p.load(new StringReader(config.serverProperties()));
    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:19092,EXTERNAL://10.244.0.1:19096,CONTROLLER://127.0.0.1:19093");
    assertThat(p.getProperty("advertised.listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:19092,EXTERNAL://10.244.0.1:19096");
    assertThat(p.getProperty("listener.security.protocol.map"))
        .isEqualTo("CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT");
    assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(config.external().bootstrapServers()).isEqualTo("10.244.0.1:19096");
  }

  @Test
  void readGivesBackTheExternalListener(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    BrokerConfig config = new BrokerConfig(19092, 19093, dir.resolve("kraft"), null,
        new BrokerConfig.ExternalListener("10.244.0.1", 19096));
    java.nio.file.Files.writeString(dir.resolve("server.properties"), config.serverProperties());
    assertThat(BrokerConfig.read(dir.resolve("server.properties"))).isEqualTo(config);
    BrokerConfig plain = new BrokerConfig(19092, 19093, dir.resolve("kraft"));
    java.nio.file.Files.writeString(dir.resolve("server.properties"), plain.serverProperties());
    assertThat(BrokerConfig.read(dir.resolve("server.properties"))).isEqualTo(plain);
  }
}
