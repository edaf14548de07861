package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.userflow.core.kafka.KafkaSecurity;

/** The Kafka topic the raw events arrive on, and how the jobs authenticate to its brokers. */
@ValidationRule(value = "!(self.securityProtocol in ['SASL_PLAINTEXT', 'SASL_SSL']) || has(self.credentials)",
    message = "a SASL securityProtocol needs source.credentials")
@ValidationRule(value = "self.securityProtocol in ['SASL_PLAINTEXT', 'SASL_SSL'] || !has(self.credentials)",
    message = "source.credentials need securityProtocol SASL_PLAINTEXT or SASL_SSL")
@ValidationRule(value = "self.securityProtocol in ['SSL', 'SASL_SSL'] || !has(self.tls)",
    message = "source.tls needs securityProtocol SSL or SASL_SSL")
public class KafkaSourceSpec {
  @Required
  @Pattern(Patterns.BOOTSTRAP_SERVERS)
  @JsonPropertyDescription("Kafka bootstrap servers, host:port[,host:port].")
  public String bootstrapServers;

  @Required
  @Pattern(Patterns.TOPIC)
  @JsonPropertyDescription("Topic with the raw user-behaviour events. Changing it once submitted would start Bronze "
      + "over from startingOffsets on the new topic, so the change is refused (ReingestRefused, the application keeps "
      + "running) unless the pipeline is annotated userflow.io/migrate-topic=<new value>.")
  public String topic;

  @Default("earliest")
  @Pattern(Patterns.STARTING_OFFSETS)
  @JsonPropertyDescription("Where a query without a checkpoint starts: earliest or latest.")
  public String startingOffsets = "earliest";

  @Default("PLAINTEXT")
  @JsonPropertyDescription("Kafka security.protocol: PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL.")
  public KafkaSecurity.Protocol securityProtocol = KafkaSecurity.Protocol.PLAINTEXT;

  @Default("SCRAM-SHA-512")
  @JsonPropertyDescription("SASL mechanism for SASL_PLAINTEXT and SASL_SSL: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
  public KafkaSecurity.Mechanism saslMechanism = KafkaSecurity.Mechanism.SCRAM_SHA_512;

  @JsonPropertyDescription("SASL user and password by reference to a Secret labelled userflow.io/credentials=true; "
      + "required with SASL_PLAINTEXT and SASL_SSL, refused with PLAINTEXT and SSL. The jobs read them from "
      + "environment variables at run time.")
  public SecretCredentials credentials;

  @JsonPropertyDescription("For SSL and SASL_SSL: the PEM CA certificate to trust, by Secret reference; unset to use "
      + "the JVM's default trust store.")
  public KafkaTlsSpec tls;
}
