package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** TLS to the Kafka brokers: the CA their certificates are checked against (host names are verified too). */
public class KafkaTlsSpec {
  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Secret (labelled userflow.io/credentials=true) holding the PEM CA certificate(s).")
  public String caSecretName;

  @Default("ca.crt")
  @Pattern(Patterns.SECRET_KEY)
  @JsonPropertyDescription("Key of the PEM CA certificate(s) in the Secret.")
  public String caKey = "ca.crt";
}
