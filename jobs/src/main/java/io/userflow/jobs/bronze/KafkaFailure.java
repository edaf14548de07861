package io.userflow.jobs.bronze;

import io.userflow.core.kafka.KafkaSecurity;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * A failed Bronze stream told as what to check, when Kafka refused the connection: one line naming the broker,
 * the protocol and user (never the password) and the spec fields to look at, instead of Spark's stack of causes.
 */
final class KafkaFailure {
  private KafkaFailure() {}

  static Optional<String> explain(Throwable failure, BronzeSettings settings) {
    KafkaSecurity security = settings.security();
    String broker = "Kafka at " + settings.bootstrapServers() + " (" + security.describe() + ")";
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SaslAuthenticationException) {
        return Optional.of(broker + " refused the login: check the user name and password in the Secret that "
            + "spec.source.credentials names (env " + KafkaSecurity.USER_ENV + ", " + KafkaSecurity.PASSWORD_ENV
            + ") and that spec.source.saslMechanism is one the broker has a credential for. Kafka said: "
            + oneLine(t.getMessage()));
      }
      if (t instanceof UnsupportedSaslMechanismException) {
        return Optional.of(broker + " does not enable this SASL mechanism: set spec.source.saslMechanism to one "
            + "the broker lists. Kafka said: " + oneLine(t.getMessage()));
      }
      if (t instanceof SslAuthenticationException) {
        return Optional.of("TLS handshake with " + broker + " failed: check that spec.source.tls names the CA "
            + "that signed the brokers' certificates and that those certificates name the host in "
            + "spec.source.bootstrapServers. Kafka said: " + oneLine(rootMessage(t)));
      }
    }
    return Optional.empty();
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.replaceAll("\\s+", " ").trim();
  }
}
