package io.userflow.jobs.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration of a single-node KRaft broker (combined broker and controller) on 127.0.0.1, tuned for
 * one machine: replication factors of 1, no initial rebalance delay, and no retention or timestamp limits,
 * because simulated events carry record timestamps days in the past or future.
 *
 * @param brokerPort client listener port
 * @param controllerPort controller listener port
 * @param logDir where the broker stores partitions (Kafka's {@code log.dirs})
 */
public record BrokerConfig(int brokerPort, int controllerPort, Path logDir) {

  /** Topic configs createTopic sets, so a topic accepts any record timestamp and keeps everything. */
  public static final Map<String, String> TOPIC_CONFIGS = Map.of(
      "retention.ms", "-1",
      "message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE),
      "message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.retention.ms", "-1");
    p.put("log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));
    p.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  /** The config a {@link #serverProperties()} file was written from (its ports and log dir). */
  public static BrokerConfig read(Path serverProperties) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    try (java.io.Reader in = java.nio.file.Files.newBufferedReader(serverProperties)) {
      p.load(in);
    }
    int broker = -1;
    int controller = -1;
    for (String listener : p.getProperty("listeners", "").split(",")) {
      int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1).trim());
      if (listener.startsWith("PLAINTEXT://")) {
        broker = port;
      } else if (listener.startsWith("CONTROLLER://")) {
        controller = port;
      }
    }
    if (broker < 0 || controller < 0 || p.getProperty("log.dirs") == null) {
      throw new IllegalStateException(serverProperties + " was not written by userflow: no PLAINTEXT and CONTROLLER listeners or log.dirs");
    }
    return new BrokerConfig(broker, controller, Path.of(p.getProperty("log.dirs")));
  }

  /** server.properties text. */
  public String serverProperties() {
    return properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** log4j2 configuration for the broker JVM: INFO to stdout, which the launcher sends to a log file. */
  public static String log4j2Properties() {
    return String.join("\n",
        "status = warn",
        "appender.out.type = Console",
        "appender.out.name = OUT",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.out.ref = OUT",
        "logger.state.name = state.change.logger",
        "logger.state.level = WARN",
        "");
  }
}
