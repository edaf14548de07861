package io.userflow.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.kafka.KafkaSecurity.Mechanism;
import io.userflow.core.kafka.KafkaSecurity.Protocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

  @Test
  void saslSslWithScramBuildsTheJaasConfigFromTheEnvironment() {
    KafkaSecurity s = KafkaSecurity.fromEnv(Protocol.SASL_SSL, Mechanism.SCRAM_SHA_512, Map.of(
        KafkaSecurity.USER_ENV, "alice", KafkaSecurity.PASSWORD_ENV, "pa\"ss\\word", KafkaSecurity.CA_ENV, "PEM"));
    assertThat(s.clientProperties()).containsExactly(
        Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
        Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"alice\" password=\"pa\\\"ss\\\\word\";"),
        Map.entry("ssl.truststore.type", "PEM"),
        Map.entry("ssl.truststore.certificates", "PEM"));
  }

  @Test
  void plainUsesThePlainLoginModuleAndPlaintextSetsOnlyTheProtocol() {
    KafkaSecurity plain = new KafkaSecurity(Protocol.SASL_PLAINTEXT, Mechanism.PLAIN, "bob", "pw", null);
    assertThat(plain.clientProperties().get("sasl.jaas.config"))
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"bob\"");
    assertThat(plain.clientProperties()).doesNotContainKey("ssl.truststore.type");
    assertThat(KafkaSecurity.plaintext().clientProperties()).containsExactly(
        Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void thePasswordIsNeverInTheTextForm() {
    KafkaSecurity s = new KafkaSecurity(Protocol.SASL_PLAINTEXT, Mechanism.SCRAM_SHA_256, "bob", "hunter2", null);
    assertThat(s.toString()).doesNotContain("hunter2").contains("SCRAM-SHA-256", "bob");
    assertThat(s.describe()).doesNotContain("hunter2");
  }

  @Test
  void inconsistentSettingsAreRefusedWithWhatToChange() {
    assertThatThrownBy(() -> KafkaSecurity.fromEnv(Protocol.SASL_SSL, Mechanism.PLAIN, Map.of()))
        .hasMessageContaining(KafkaSecurity.USER_ENV).hasMessageContaining(KafkaSecurity.PASSWORD_ENV);
    assertThatThrownBy(() -> new KafkaSecurity(Protocol.PLAINTEXT, null, "u", "p", null))
        .hasMessageContaining("SASL_PLAINTEXT or SASL_SSL");
    assertThatThrownBy(() -> new KafkaSecurity(Protocol.SASL_PLAINTEXT, Mechanism.PLAIN, "u", "p", "PEM"))
        .hasMessageContaining("SSL or SASL_SSL");
    assertThat(Mechanism.of("SCRAM-SHA-256")).isEqualTo(Mechanism.SCRAM_SHA_256);
    assertThatThrownBy(() -> Mechanism.of("GSSAPI")).hasMessageContaining("PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
  }
}
