package io.userflow.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.jobs.testing.JobJvm;
import io.userflow.core.kafka.KafkaSecurity.Mechanism;
import io.userflow.core.kafka.KafkaSecurity.Protocol;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.SimulatedRecord;
import io.userflow.devkit.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Bronze job against the real broker's SASL listeners: SCRAM over TLS with a PEM CA, PLAIN without TLS, and a
 * wrong password, which must end the driver at once with one line saying what to check.
 */
class BronzeKafkaAuthTest extends BrokerAndSparkTest {
  static final String SCRAM_USER = "bronze-reader";
  static final String SCRAM_PASSWORD = "scram-password-for-bronze";

  @BeforeAll
  static void addScramUser() {
    broker.addScramUser("SCRAM-SHA-512", SCRAM_USER, SCRAM_PASSWORD);
  }

  @Test
  void scramSha512OverSaslSslTrustingThePemCaIngestsEveryRecord() {
    List<SimulatedRecord> records = send("bronze-scram-tls");
    KafkaSecurity security = new KafkaSecurity(Protocol.SASL_SSL, Mechanism.SCRAM_SHA_512, SCRAM_USER,
        SCRAM_PASSWORD, broker.caPem());
    BronzeResult result = BronzeJob.run(spark, BronzeSettings.of(broker.saslSslBootstrapServers(), "bronze-scram-tls",
        dir.resolve("cp-scram").toString(), LAYOUT).withSecurity(security));
    assertThat(result.rowsWritten()).isEqualTo(records.size());
    assertThat(BronzeTables.countAndDistinct(spark, LAYOUT, "bronze-scram-tls"))
        .containsExactly(records.size(), records.size());
  }

  @Test
  void plainOverSaslPlaintextIngestsEveryRecord() {
    List<SimulatedRecord> records = send("bronze-plain");
    KafkaSecurity security = new KafkaSecurity(Protocol.SASL_PLAINTEXT, Mechanism.PLAIN, SharedBroker.PLAIN_USER,
        SharedBroker.PLAIN_PASSWORD, null);
    BronzeResult result = BronzeJob.run(spark, BronzeSettings.of(broker.saslBootstrapServers(), "bronze-plain",
        dir.resolve("cp-plain").toString(), LAYOUT).withSecurity(security));
    assertThat(result.rowsWritten()).isEqualTo(records.size());
  }

  @Test
  void aWrongPasswordEndsTheDriverWithOneLineSayingWhatToCheck() throws Exception {
    send("bronze-wrong-password");
    String wrong = "not-the-scram-password";
    Path log = dir.resolve("wrong-password.log");
    long t0 = System.nanoTime();
    // the driver as the spark-operator starts it: options as arguments, credentials in the environment only
    Process driver = JobJvm.start(BronzeJob.class, List.of("-Xmx768m"), List.of(
        "--bootstrap-servers", broker.saslBootstrapServers(), "--topic", "bronze-wrong-password",
        "--security-protocol", "SASL_PLAINTEXT", "--sasl-mechanism", "SCRAM-SHA-512",
        "--checkpoint", dir.resolve("cp-wrong").toString(), "--master", "local[1]",
        "--local-dir", dir.resolve("wrong-lake").toString()),
        Map.of(KafkaSecurity.USER_ENV, SCRAM_USER, KafkaSecurity.PASSWORD_ENV, wrong), log);
    boolean ended = driver.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      driver.destroyForcibly();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf("wrong password: the driver ended after %.1f s; its last lines:%n%s%n", seconds,
        JobJvm.tail(log, 12));
    assertThat(ended).as("the driver ends instead of hanging; log:%n%s", JobJvm.tail(log, 30)).isTrue();
    assertThat(driver.exitValue()).isEqualTo(1);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).filteredOn(l -> l.startsWith("error: ")).singleElement().asString()
        .startsWith("error: Kafka at " + broker.saslBootstrapServers()
            + " (SASL_PLAINTEXT SCRAM-SHA-512 as user " + SCRAM_USER + ") refused the login: check the user name "
            + "and password in the Secret that spec.source.credentials names")
        .doesNotContain("\tat ", "Exception:");
    assertThat(lines.get(lines.size() - 1)).startsWith("error: ");
    assertThat(String.join("\n", lines)).as("the password is nowhere in the driver's output").doesNotContain(wrong);
  }

  private static List<SimulatedRecord> send(String topic) {
    broker.createTopic(topic, 2);
    List<SimulatedRecord> records = EventSimulator.generate(SimulationOptions.defaults().withUsers(5)).records();
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      sender.send(topic, records);
    }
    return records;
  }
}
