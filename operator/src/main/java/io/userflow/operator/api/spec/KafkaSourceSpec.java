package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Kafka topic the raw events arrive on. */
public class KafkaSourceSpec {
  /** Kafka bootstrap servers, host:port[,host:port]. */
  @Required
  @Pattern(Patterns.BOOTSTRAP_SERVERS)
  @JsonPropertyDescription("Kafka bootstrap servers, host:port[,host:port].")
  public String bootstrapServers;

  /** Topic with the raw user-behaviour events. */
  @Required
  @Pattern(Patterns.TOPIC)
  @JsonPropertyDescription("Topic with the raw user-behaviour events.")
  public String topic;

  /** Where a query without a checkpoint starts: earliest or latest. */
  @Default("earliest")
  @Pattern(Patterns.STARTING_OFFSETS)
  @JsonPropertyDescription("Where a query without a checkpoint starts: earliest or latest.")
  public String startingOffsets = "earliest";

  /** Optional SASL credentials, by Secret reference. */
  @JsonPropertyDescription("Optional SASL credentials, by Secret reference.")
  public SecretCredentials credentials;
}
