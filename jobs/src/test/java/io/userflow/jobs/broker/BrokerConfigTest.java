package io.userflow.jobs.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.process.JavaCommand;
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
    assertThat(p.getProperty("log.message.timestamp.after.max.ms")).isEqualTo(Long.toString(Long.MAX_VALUE));
    assertThat(p.getProperty("log.message.timestamp.before.max.ms")).isEqualTo(Long.toString(Long.MAX_VALUE));
    assertThat(BrokerConfig.TOPIC_CONFIGS).containsEntry("retention.ms", "-1");
  }

  @Test
  void javaCommandUsesTheCurrentJava() {
    JavaCommand c = new JavaCommand(List.of("-Xmx1g"), "lib/*", "kafka.Kafka", List.of("server.properties"));
    assertThat(c.command()).containsExactly(JavaCommand.currentJava().toString(), "-Xmx1g", "-cp", "lib/*",
        "kafka.Kafka", "server.properties");
  }
}
