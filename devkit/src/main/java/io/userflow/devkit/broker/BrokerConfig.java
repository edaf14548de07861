package io.userflow.devkit.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration of a single-node KRaft broker (combined broker and controller) on 127.0.0.1, tuned for
 * one machine: replication factors of 1, no initial rebalance delay, no retention, and record timestamps up to
 * {@link #MAX_TIMESTAMP_AHEAD_MS} ahead, because simulated events carry timestamps days in the past or future.
 *
 * @param brokerPort client listener port
 * @param controllerPort controller listener port
 * @param logDir where the broker stores partitions (Kafka's {@code log.dirs})
 * @param sasl SASL listeners besides the PLAINTEXT one; null for none
 * @param external a PLAINTEXT listener on another address besides the one on 127.0.0.1; null for none
 */
public record BrokerConfig(int brokerPort, int controllerPort, Path logDir, SaslListeners sasl,
    ExternalListener external) {
  /** The name of {@link ExternalListener}'s listener in {@code listeners} and the protocol map. */
  public static final String EXTERNAL = "EXTERNAL";
  /** The mechanisms both SASL listeners enable. */
  public static final List<String> SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /**
   * A SASL_PLAINTEXT and a SASL_SSL listener with PLAIN and SCRAM; SCRAM users are added after start through the
   * Admin API ({@link LocalBroker#addScramUser}), PLAIN users are fixed here.
   *
   * @param saslPort SASL_PLAINTEXT port
   * @param saslSslPort SASL_SSL port
   * @param plainUsers PLAIN user to password
   * @param certificate the SASL_SSL listener's key store
   */
  public record SaslListeners(int saslPort, int saslSslPort, Map<String, String> plainUsers,
      BrokerCertificate certificate) {}

  /**
   * A second PLAINTEXT listener, bound to and advertised on {@code host}: for clients that cannot reach 127.0.0.1,
   * such as pods on a node's bridge (a kubelet's firewall drops their packets to 127.0.0.0/8). A client that
   * connects to it gets this address back in the metadata, one on 127.0.0.1 gets 127.0.0.1, so both work at once.
   *
   * @param host the address to bind and advertise, e.g. a node bridge's own address
   * @param port its port
   */
  public record ExternalListener(String host, int port) {
    public String bootstrapServers() {
      return host + ":" + port;
    }
  }

  /** Only the PLAINTEXT listener. */
  public BrokerConfig(int brokerPort, int controllerPort, Path logDir) {
    this(brokerPort, controllerPort, logDir, null, null);
  }

  /** The PLAINTEXT listener and, unless null, the SASL ones. */
  public BrokerConfig(int brokerPort, int controllerPort, Path logDir, SaslListeners sasl) {
    this(brokerPort, controllerPort, logDir, sasl, null);
  }

  /**
   * How far ahead of the broker's clock a record timestamp may be: 100 years. Not unlimited, because Spark's Kafka
   * source turns the timestamp into microseconds and fails with "long overflow" on one past year 294247, on every
   * restart: a single such record would stop Bronze for good (measured with a record stamped 9.3e15 ms).
   */
  public static final long MAX_TIMESTAMP_AHEAD_MS = 100L * 365 * 24 * 3600 * 1000;

  /** Topic configs createTopic sets, so a topic keeps everything and accepts timestamps years past or ahead. */
  public static final Map<String, String> TOPIC_CONFIGS = Map.of(
      "retention.ms", "-1",
      "message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE),
      "message.timestamp.after.max.ms", Long.toString(MAX_TIMESTAMP_AHEAD_MS));

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    String clients = "PLAINTEXT://127.0.0.1:" + brokerPort + (sasl == null ? ""
        : ",SASL_PLAINTEXT://127.0.0.1:" + sasl.saslPort() + ",SASL_SSL://127.0.0.1:" + sasl.saslSslPort())
        + (external == null ? "" : "," + EXTERNAL + "://" + external.bootstrapServers());
    p.put("listeners", clients + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", clients);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
        + (sasl == null ? "" : ",SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL")
        + (external == null ? "" : "," + EXTERNAL + ":PLAINTEXT"));
    if (sasl != null) {
      saslProperties(p);
    }
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
    p.put("log.message.timestamp.after.max.ms", Long.toString(MAX_TIMESTAMP_AHEAD_MS));
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  private void saslProperties(Map<String, String> p) {
    p.put("sasl.enabled.mechanisms", String.join(",", SASL_MECHANISMS));
    String plainUsers = sasl.plainUsers().entrySet().stream()
        .map(u -> " user_" + u.getKey() + "=\"" + u.getValue() + "\"").collect(Collectors.joining());
    for (String listener : List.of("sasl_plaintext", "sasl_ssl")) {
      String prefix = "listener.name." + listener + ".";
      p.put(prefix + "plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required" + plainUsers + ";");
      for (String scram : List.of("scram-sha-256", "scram-sha-512")) {
        p.put(prefix + scram + ".sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      }
    }
    p.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
    p.put("listener.name.sasl_ssl.ssl.keystore.location", sasl.certificate().keystore().toAbsolutePath().toString());
    p.put("listener.name.sasl_ssl.ssl.keystore.password", sasl.certificate().password());
    p.put("listener.name.sasl_ssl.ssl.key.password", sasl.certificate().password());
  }

  /** The config a {@link #serverProperties()} file was written from (its ports and log dir). */
  public static BrokerConfig read(Path serverProperties) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    try (java.io.Reader in = java.nio.file.Files.newBufferedReader(serverProperties)) {
      p.load(in);
    }
    int broker = -1;
    int controller = -1;
    ExternalListener external = null;
    for (String listener : p.getProperty("listeners", "").split(",")) {
      int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1).trim());
      if (listener.startsWith("PLAINTEXT://")) {
        broker = port;
      } else if (listener.startsWith("CONTROLLER://")) {
        controller = port;
      } else if (listener.startsWith(EXTERNAL + "://")) {
        external = new ExternalListener(listener.substring(EXTERNAL.length() + 3, listener.lastIndexOf(':')), port);
      }
    }
    if (broker < 0 || controller < 0 || p.getProperty("log.dirs") == null) {
      throw new IllegalStateException(serverProperties + " was not written by userflow: no PLAINTEXT and CONTROLLER listeners or log.dirs");
    }
    return new BrokerConfig(broker, controller, Path.of(p.getProperty("log.dirs")), null, external);
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
