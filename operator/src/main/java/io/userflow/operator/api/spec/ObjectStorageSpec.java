package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The S3-compatible store of an s3a:// warehouse: S3Proxy on kind, or AWS S3. */
public class ObjectStorageSpec {
  @Pattern(Patterns.HTTP_ENDPOINT)
  @JsonPropertyDescription("S3 endpoint, e.g. http://userflow-s3.userflow:9000; leave unset for AWS S3.")
  public String endpoint;

  @Default("us-east-1")
  @Pattern(Patterns.REGION)
  @JsonPropertyDescription("Signing region; any name works for S3Proxy.")
  public String region = "us-east-1";

  @Default("true")
  @JsonPropertyDescription("Address buckets in the path (http://host/bucket/key), as S3Proxy needs.")
  public boolean pathStyleAccess = true;

  @JsonPropertyDescription("Access keys by Secret reference; unset to use the AWS default credential chain "
      + "(e.g. IRSA on EKS).")
  public AccessKeySecret credentials;
}
