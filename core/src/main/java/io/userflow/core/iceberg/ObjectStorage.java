package io.userflow.core.iceberg;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An S3-compatible store holding the warehouse: S3Proxy on kind and in the tests, AWS S3 in production. The same
 * settings reach the two clients that talk to it: Hadoop's s3a (the Spark jobs: tables and streaming checkpoints)
 * and Iceberg's S3FileIO (the operator, which reads table metadata without Hadoop's AWS bundle).
 *
 * @param endpoint e.g. {@code http://userflow-s3.userflow:9000}; null for AWS S3
 * @param region signing region, e.g. {@code us-east-1}
 * @param pathStyleAccess bucket in the path ({@code http://host/bucket/key}), as S3Proxy needs
 * @param accessKeyId null to use the AWS default credential chain
 * @param secretAccessKey null to use the AWS default credential chain
 */
public record ObjectStorage(String endpoint, String region, boolean pathStyleAccess, String accessKeyId,
    String secretAccessKey) {
  /** URI schemes of S3 locations; s3a is what the Spark jobs write, S3FileIO reads all three. */
  public static final Set<String> S3_SCHEMES = Set.of("s3", "s3a", "s3n");
  /** Iceberg's S3 FileIO; loaded by name, so only a process that reads S3 (the operator) needs iceberg-aws. */
  public static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  public ObjectStorage {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("object storage needs a region (any name works for S3Proxy, e.g. us-east-1)");
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("object storage needs both an access key id and a secret access key, or neither");
    }
  }

  /** Whether a warehouse or checkpoint URI lives on S3 ({@code s3://}, {@code s3a://}, {@code s3n://}). */
  public static boolean isS3(String location) {
    String scheme = location == null ? null : URI.create(location).getScheme();
    return scheme != null && S3_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
  }

  /** Iceberg FileIO properties for S3FileIO (catalog properties, without a prefix). */
  public Map<String, String> fileIoProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("io-impl", S3_FILE_IO);
    if (endpoint != null) {
      props.put("s3.endpoint", endpoint);
    }
    props.put("s3.path-style-access", Boolean.toString(pathStyleAccess));
    props.put("client.region", region);
    if (accessKeyId != null) {
      props.put("s3.access-key-id", accessKeyId);
      props.put("s3.secret-access-key", secretAccessKey);
    }
    // the JDK's HTTP client: no Apache HTTP client on the operator's class path
    props.put("http-client.type", "urlconnection");
    return props;
  }

  /** S3FileIO on AWS with the SDK's default region and credential chains (environment, profile, web identity). */
  public static Map<String, String> awsDefaultsFileIoProperties() {
    return Map.of("io-impl", S3_FILE_IO, "http-client.type", "urlconnection");
  }

  /**
   * Hadoop s3a settings (without {@code spark.hadoop.}), keys included when this record has them: for a Spark
   * session in this process. On Kubernetes the record carries no keys; the pods get them as environment variables
   * from a Secret and s3a reads them with {@link #ENV_CREDENTIALS}.
   */
  public Map<String, String> hadoopProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    if (endpoint != null) {
      props.put("fs.s3a.endpoint", endpoint);
    }
    props.put("fs.s3a.endpoint.region", region);
    props.put("fs.s3a.path.style.access", Boolean.toString(pathStyleAccess));
    if (accessKeyId != null) {
      props.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      props.put("fs.s3a.access.key", accessKeyId);
      props.put("fs.s3a.secret.key", secretAccessKey);
    }
    return props;
  }

  /** The AWS SDK v2 provider reading AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; s3a accepts it by name. */
  public static final String ENV_CREDENTIALS = "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider";

  @Override
  public String toString() {
    // never print the secret
    return "ObjectStorage[endpoint=" + endpoint + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess
        + ", accessKeyId=" + accessKeyId + "]";
  }
}
