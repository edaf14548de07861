package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A user name and password kept in a Secret of the same namespace; never inline. */
public class SecretCredentials {
  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret in the resource's namespace.")
  public String secretName;

  @Default("username")
  @Pattern(Patterns.SECRET_KEY)
  @JsonPropertyDescription("Key of the user name in the Secret.")
  public String usernameKey = "username";

  @Default("password")
  @Pattern(Patterns.SECRET_KEY)
  @JsonPropertyDescription("Key of the password in the Secret.")
  public String passwordKey = "password";
}
