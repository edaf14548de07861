package io.userflow.core.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Kafka client authenticates and encrypts: the one place that turns a protocol, a SASL mechanism and the
 * credentials into Kafka client properties. The operator names the environment variables below in the Spark pods
 * (from Secret references) and passes protocol and mechanism as job arguments; the Bronze job reads the variables
 * at run time, so a password never appears in an argument, a spec or a status.
 *
 * @param protocol Kafka's security.protocol
 * @param mechanism SASL mechanism; used only with a SASL protocol
 * @param username SASL user; null without SASL
 * @param password SASL password; null without SASL
 * @param caPem PEM certificate(s) to trust for TLS; null for the JVM's default trust store
 */
public record KafkaSecurity(Protocol protocol, Mechanism mechanism, String username, String password, String caPem) {
  public static final String USER_ENV = "USERFLOW_KAFKA_USER";
  public static final String PASSWORD_ENV = "USERFLOW_KAFKA_PASSWORD";
  /** PEM CA certificate(s) of the brokers' TLS certificates. */
  public static final String CA_ENV = "USERFLOW_KAFKA_CA";

  /** Kafka's security.protocol values. */
  public enum Protocol {
    PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL;

    public boolean sasl() {
      return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    public boolean tls() {
      return this == SSL || this == SASL_SSL;
    }
  }

  /** The SASL mechanisms userflow configures; the JSON names are Kafka's. */
  public enum Mechanism {
    @JsonProperty("PLAIN") PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    @JsonProperty("SCRAM-SHA-256") SCRAM_SHA_256("SCRAM-SHA-256",
        "org.apache.kafka.common.security.scram.ScramLoginModule"),
    @JsonProperty("SCRAM-SHA-512") SCRAM_SHA_512("SCRAM-SHA-512",
        "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String kafkaName;
    private final String loginModule;

    Mechanism(String kafkaName, String loginModule) {
      this.kafkaName = kafkaName;
      this.loginModule = loginModule;
    }

    /** The name Kafka's sasl.mechanism takes. */
    public String kafkaName() {
      return kafkaName;
    }

    public static Mechanism of(String kafkaName) {
      for (Mechanism m : values()) {
        if (m.kafkaName.equals(kafkaName)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown SASL mechanism " + kafkaName + "; use PLAIN, SCRAM-SHA-256 or "
          + "SCRAM-SHA-512");
    }
  }

  public KafkaSecurity {
    if (protocol == null) {
      throw new IllegalArgumentException("a Kafka security protocol is required");
    }
    if (protocol.sasl() && (mechanism == null || isBlank(username) || isBlank(password))) {
      throw new IllegalArgumentException("Kafka security protocol " + protocol + " needs a SASL mechanism, a user "
          + "and a password (env " + USER_ENV + " and " + PASSWORD_ENV + ")");
    }
    if (!protocol.sasl() && (username != null || password != null)) {
      throw new IllegalArgumentException("Kafka credentials are set but security protocol " + protocol
          + " does not use SASL; use SASL_PLAINTEXT or SASL_SSL");
    }
    if (!protocol.tls() && caPem != null) {
      throw new IllegalArgumentException("a Kafka CA certificate is set but security protocol " + protocol
          + " does not use TLS; use SSL or SASL_SSL");
    }
  }

  public static KafkaSecurity plaintext() {
    return new KafkaSecurity(Protocol.PLAINTEXT, null, null, null, null);
  }

  /** Protocol and mechanism as given, credentials and CA from the environment variables above. */
  public static KafkaSecurity fromEnv(Protocol protocol, Mechanism mechanism, Map<String, String> env) {
    return new KafkaSecurity(protocol, protocol.sasl() ? mechanism : null, blankToNull(env.get(USER_ENV)),
        blankToNull(env.get(PASSWORD_ENV)), blankToNull(env.get(CA_ENV)));
  }

  /** Kafka client properties (without the "kafka." prefix Spark's source wants). */
  public Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", protocol.name());
    if (protocol.sasl()) {
      p.put("sasl.mechanism", mechanism.kafkaName());
      p.put("sasl.jaas.config", mechanism.loginModule + " required username=\"" + jaasEscape(username)
          + "\" password=\"" + jaasEscape(password) + "\";");
    }
    if (caPem != null) {
      p.put("ssl.truststore.type", "PEM");
      p.put("ssl.truststore.certificates", caPem);
    }
    return p;
  }

  /** What a log line or error may say about this: never the password. */
  public String describe() {
    return protocol + (protocol.sasl() ? " " + mechanism.kafkaName() + " as user " + username : "")
        + (caPem != null ? " trusting the given CA" : "");
  }

  @Override
  public String toString() {
    return "KafkaSecurity[" + describe() + "]";
  }

  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }
}
