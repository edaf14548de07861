package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An S3 access key pair kept in a Secret of the same namespace; never inline. */
public class AccessKeySecret {
  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Secret in the resource's namespace.")
  public String secretName;

  @Default("AWS_ACCESS_KEY_ID")
  @Pattern(Patterns.SECRET_KEY)
  @JsonPropertyDescription("Key of the access key id in the Secret.")
  public String accessKeyIdKey = "AWS_ACCESS_KEY_ID";

  @Default("AWS_SECRET_ACCESS_KEY")
  @Pattern(Patterns.SECRET_KEY)
  @JsonPropertyDescription("Key of the secret access key in the Secret.")
  public String secretAccessKeyKey = "AWS_SECRET_ACCESS_KEY";
}
