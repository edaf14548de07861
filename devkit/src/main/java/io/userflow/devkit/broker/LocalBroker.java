package io.userflow.devkit.broker;

import io.userflow.process.ChildProcess;
import io.userflow.process.ChildProcesses;
import io.userflow.process.JavaCommand;
import io.userflow.process.LibClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft) in a child JVM on 127.0.0.1 (and, if asked, on one more address), for
 * tests, the local demo and benchmarks. The broker's jars stay out of this JVM: they come from the broker module's
 * {@code target/lib}.
 */
public final class LocalBroker implements AutoCloseable {
  /** System property naming the broker lib dir (surefire sets it). */
  public static final String LIB_PROPERTY = "userflow.broker.lib";
  public static final long START_TIMEOUT_MS = 90_000;
  private static final List<String> BROKER_JVM_ARGS = List.of("-Xms256m", "-Xmx768m", "-Djava.awt.headless=true");

  private final BrokerConfig config;
  private final Path dataDir;
  private final ChildProcess process;
  private final Admin admin;

  private LocalBroker(BrokerConfig config, Path dataDir, ChildProcess process, Admin admin, boolean stopOnExit) {
    this.config = config;
    this.dataDir = dataDir;
    // if the caller forgets close() (or a demo is stopped with Ctrl-C), the broker must not outlive us
    this.process = stopOnExit ? process.stopOnExit() : process;
    this.admin = admin;
  }

  /** Starts a broker with data under a new {@code dataDir} and jars from {@code services/broker/target/lib}. */
  public static LocalBroker start(Path dataDir) {
    return start(dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/broker"));
  }

  public static LocalBroker start(Path dataDir, Path libDir) {
    return start(dataDir, libDir, null);
  }

  /**
   * Also a SASL_PLAINTEXT and a SASL_SSL listener (a fresh self-signed certificate) with PLAIN for
   * {@code plainUsers} and SCRAM for the users {@link #addScramUser} adds.
   */
  public static LocalBroker startWithSasl(Path dataDir, Map<String, String> plainUsers) {
    return start(dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/broker"), plainUsers, null);
  }

  /**
   * Also a PLAINTEXT listener bound to and advertised on {@code host} ({@link BrokerConfig.ExternalListener}), for
   * clients that cannot reach 127.0.0.1, such as pods that reach the host on their bridge's address.
   */
  public static LocalBroker startWithExternalListener(Path dataDir, String host) {
    return start(dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/broker"), null, host);
  }

  private static LocalBroker start(Path dataDir, Path libDir, Map<String, String> plainUsers) {
    return start(dataDir, libDir, plainUsers, null);
  }

  private static LocalBroker start(Path dataDir, Path libDir, Map<String, String> plainUsers, String externalHost) {
    if (Files.exists(dataDir.resolve("server.properties"))) {
      throw new IllegalStateException("data dir " + dataDir.toAbsolutePath() + " already holds a broker; start each broker in a new directory");
    }
    return launch(dataDir, libDir, false, plainUsers, externalHost);
  }

  /**
   * Starts a broker that outlives this JVM: in its own session ({@code setsid}, so a Ctrl-C or the end of the
   * starting command does not reach it), with no shutdown hook. A data dir that already holds a broker is started
   * again with its config, ports and topics; call {@link #detach()} once set up.
   */
  public static LocalBroker startDetached(Path dataDir, Path libDir) {
    return launch(dataDir, libDir, true, null, null);
  }

  private static LocalBroker launch(Path dataDir, Path libDir, boolean detached, Map<String, String> plainUsers,
      String externalHost) {
    ChildProcesses.requireLib(libDir, "kafka_", "Kafka broker", "services/broker", LIB_PROPERTY);
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      Path props = dataDir.resolve("server.properties");
      boolean formatted = Files.exists(props);
      BrokerConfig.SaslListeners sasl = plainUsers == null || formatted ? null : new BrokerConfig.SaslListeners(
          ChildProcesses.freePort(), ChildProcesses.freePort(), Map.copyOf(plainUsers),
          BrokerCertificate.create(dataDir.resolve("tls")));
      BrokerConfig.ExternalListener external = externalHost == null || formatted ? null
          : new BrokerConfig.ExternalListener(externalHost, ChildProcesses.freePort());
      BrokerConfig config = formatted ? BrokerConfig.read(props)
          : new BrokerConfig(ChildProcesses.freePort(), ChildProcesses.freePort(), dataDir.resolve("kraft-logs"), sasl,
              external);
      Path log4j = dataDir.resolve("log4j2.properties");
      if (!formatted) {
        Files.writeString(props, config.serverProperties());
        Files.writeString(log4j, BrokerConfig.log4j2Properties());
      }
      List<String> jvm = new java.util.ArrayList<>(BROKER_JVM_ARGS);
      jvm.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
      jvm.add("-Dkafka.logs.dir=" + dataDir.toAbsolutePath());
      String cp = LibClasspath.of(libDir);
      if (!formatted) {
        format(jvm, cp, props, dataDir.resolve("format.log"));
      }
      List<String> command = new java.util.ArrayList<>(new JavaCommand(jvm, cp, "kafka.Kafka", List.of(props.toString())).command());
      ProcessBuilder pb = new ProcessBuilder(command);
      if (detached) {
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
          command.add(0, setsid.toString());
        }
        pb.command(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      ChildProcess broker = ChildProcess.start("Kafka broker", pb, dataDir.resolve("broker.log"));
      Admin admin = null;
      try {
        admin = awaitReady(broker, config, t0);
      } finally {
        if (admin == null) {
          broker.close();
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.err.printf("kafka broker ready on %s in %.1f s%n", config.bootstrapServers(), ms / 1000.0);
      return new LocalBroker(config, dataDir, broker, admin, !detached);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Kafka broker", e);
    }
  }

  private static void format(List<String> jvm, String cp, Path props, Path formatLog) throws IOException, InterruptedException {
    Process format = new ProcessBuilder(new JavaCommand(jvm, cp, "kafka.tools.StorageTool", List.of("format",
        "-t", Uuid.randomUuid().toString(), "-c", props.toString(), "--standalone")).command())
        .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException("formatting Kafka storage failed; see " + formatLog + ":\n" + ChildProcesses.tail(formatLog));
    }
  }

  private static Admin awaitReady(ChildProcess broker, BrokerConfig config, long t0) throws InterruptedException {
    long deadline = t0 + START_TIMEOUT_MS * 1_000_000;
    // wait for the port first, so the admin client does not log a connection error per retry
    broker.awaitPort(config.brokerPort(), deadline);
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "userflow-local-broker");
    Admin admin = Admin.create(p);
    try {
      while (true) {
        broker.checkRunning(deadline);
        try {
          if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().isEmpty()) {
            return admin;
          }
        } catch (ExecutionException e) {
          // not ready yet
        }
        Thread.sleep(100);
      }
    } catch (RuntimeException | InterruptedException e) {
      admin.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** The external listener's address; only on a broker from {@link #startWithExternalListener}. */
  public String externalBootstrapServers() {
    if (config.external() == null) {
      throw new IllegalStateException("this broker has no external listener; start it with startWithExternalListener");
    }
    return config.external().bootstrapServers();
  }

  /** The SASL_PLAINTEXT listener; only on a broker from {@link #startWithSasl}. */
  public String saslBootstrapServers() {
    return "127.0.0.1:" + sasl().saslPort();
  }

  /** The SASL_SSL listener; only on a broker from {@link #startWithSasl}. */
  public String saslSslBootstrapServers() {
    return "127.0.0.1:" + sasl().saslSslPort();
  }

  /** The PEM certificate a client of the SASL_SSL listener trusts. */
  public String caPem() {
    return sasl().certificate().pem();
  }

  /**
   * Adds (or changes) a SCRAM user through the Admin API and waits until the broker knows the credential.
   *
   * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512
   */
  public void addScramUser(String mechanism, String user, String password) {
    ScramMechanism scram = ScramMechanism.fromMechanismName(mechanism);
    if (scram == ScramMechanism.UNKNOWN) {
      throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
    }
    try {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(scram, 4096), password))).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (admin.describeUserScramCredentials(List.of(user)).all().get(30, TimeUnit.SECONDS).get(user)
          .credentialInfos().stream().noneMatch(c -> c.mechanism() == scram)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the broker did not show SCRAM user " + user + " within 30 s");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while adding SCRAM user " + user, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot add SCRAM user " + user + ": " + e.getMessage(), e);
    }
  }

  private BrokerConfig.SaslListeners sasl() {
    if (config.sasl() == null) {
      throw new IllegalStateException("this broker has no SASL listeners; start it with startWithSasl");
    }
    return config.sasl();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return process.log();
  }

  /** Creates a topic (replication factor 1, no retention or timestamp limits); an existing one is left alone. */
  public void createTopic(String name, int partitions) {
    NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(BrokerConfig.TOPIC_CONFIGS);
    try {
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
    }
  }

  /** The next offset to be written per partition (the log end offsets), sorted by partition. */
  public Map<Integer, Long> endOffsets(String topic) {
    return TopicEnds.of(admin, topic);
  }

  /** Sum of {@link #endOffsets} over partitions: the number of records ever written to the topic. */
  public long totalEndOffset(String topic) {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The broker's process id. */
  public long pid() {
    return process.pid();
  }

  /** Closes the admin client and leaves the broker running, for one started with {@link #startDetached}. */
  public void detach() {
    admin.close(java.time.Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
    process.close();
  }
}
