package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret of the same namespace, labelled userflow.io/credentials=true; never inline. */
public class SecretKeySpec {
  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret in the resource's namespace.")
  public String secretName;

  @Required
  @Pattern(Patterns.SECRET_KEY)
  @JsonPropertyDescription("Key of the value in the Secret.")
  public String key;
}
