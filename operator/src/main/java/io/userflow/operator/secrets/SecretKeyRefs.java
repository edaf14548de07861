package io.userflow.operator.secrets;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.operator.api.spec.AccessKeySecret;
import io.userflow.operator.api.spec.CatalogSpec;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.KafkaSourceSpec;
import io.userflow.operator.api.spec.SecretCredentials;
import io.userflow.operator.api.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every Secret key a pipeline names, in one list: the operator checks these (opt-in label, keys present) before it
 * uses any, and the Spark pods read them as environment variables, declared with Spark's own
 * {@code spark.kubernetes.{driver,executor}.secretKeyRef.<ENV>=<secret>:<key>} settings: spark-submit writes them
 * into the pod specs itself, so they reach the pods with or without the spark-operator's webhook, and only names
 * and keys, never values, appear in the SparkApplication. Pure; null-safe on an incomplete spec.
 */
public final class SecretKeyRefs {
  public static final String DRIVER = "spark.kubernetes.driver.secretKeyRef.";
  public static final String EXECUTOR = "spark.kubernetes.executor.secretKeyRef.";
  /** The names the AWS SDK's environment credential provider reads; s3a uses that provider. */
  public static final String S3_ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
  public static final String S3_SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";

  /**
   * One Secret key a pipeline uses.
   *
   * @param field the spec field naming it, for messages
   * @param secret Secret name
   * @param key key in the Secret
   * @param env environment variable of the Spark pods
   * @param executors whether executors get it too (not only the driver)
   * @param kafka whether only jobs reading Kafka (Bronze) need it
   */
  public record Ref(String field, String secret, String key, String env, boolean executors, boolean kafka) {}

  private SecretKeyRefs() {}

  /**
   * Catalog credentials for the driver (only it commits to the catalog: a JDBC user and password, or a REST
   * catalog's OAuth2 credential or token), Kafka credentials and CA for a streaming job's driver and executors
   * (executors read the topic), S3 keys for both (executors write files) unless a REST server vends them.
   */
  public static List<Ref> all(FeaturePipelineSpec spec) {
    List<Ref> refs = new ArrayList<>();
    if (spec == null) {
      return refs;
    }
    SecretCredentials catalog = spec.catalog == null ? null : spec.catalog.credentials;
    if (catalog != null) {
      refs.add(new Ref("spec.catalog.credentials", catalog.secretName, catalog.usernameKey,
          JobOptions.CATALOG_USER_ENV, false, false));
      refs.add(new Ref("spec.catalog.credentials", catalog.secretName, catalog.passwordKey,
          JobOptions.CATALOG_PASSWORD_ENV, false, false));
    }
    SecretKeySpec credential = spec.catalog == null ? null : spec.catalog.oauth2Credential;
    if (credential != null) {
      refs.add(new Ref("spec.catalog.oauth2Credential", credential.secretName, credential.key,
          JobOptions.CATALOG_CREDENTIAL_ENV, false, false));
    }
    SecretKeySpec token = spec.catalog == null ? null : spec.catalog.token;
    if (token != null) {
      refs.add(new Ref("spec.catalog.token", token.secretName, token.key, JobOptions.CATALOG_TOKEN_ENV, false, false));
    }
    KafkaSourceSpec source = spec.source;
    if (source != null && source.credentials != null) {
      refs.add(new Ref("spec.source.credentials", source.credentials.secretName, source.credentials.usernameKey,
          KafkaSecurity.USER_ENV, true, true));
      refs.add(new Ref("spec.source.credentials", source.credentials.secretName, source.credentials.passwordKey,
          KafkaSecurity.PASSWORD_ENV, true, true));
    }
    if (source != null && source.tls != null) {
      refs.add(new Ref("spec.source.tls", source.tls.caSecretName, source.tls.caKey, KafkaSecurity.CA_ENV, true,
          true));
    }
    AccessKeySecret s3 = storageKeys(spec.catalog);
    if (s3 != null) {
      refs.add(new Ref("spec.catalog.storage.credentials", s3.secretName, s3.accessKeyIdKey,
          S3_ACCESS_KEY_ENV, true, false));
      refs.add(new Ref("spec.catalog.storage.credentials", s3.secretName, s3.secretAccessKeyKey,
          S3_SECRET_KEY_ENV, true, false));
    }
    return refs;
  }

  /**
   * The S3 keys the Spark pods and the operator use: none when a REST server vends each table's credentials (the
   * validator refuses storage.credentials beside vendedCredentials; this keeps them out of the pods regardless).
   */
  public static AccessKeySecret storageKeys(CatalogSpec catalog) {
    return catalog == null || catalog.storage == null || catalog.vendsCredentials() ? null
        : catalog.storage.credentials;
  }

  /** The names of the Secrets a pipeline uses. */
  public static Set<String> secretNames(FeaturePipelineSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    all(spec).forEach(ref -> names.add(ref.secret()));
    return names;
  }

  /** sparkConf entries of a job; {@code kafka} for the streaming job, which reads the topic. */
  public static Map<String, String> of(FeaturePipelineSpec spec, boolean kafka) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (Ref ref : all(spec)) {
      if (kafka || !ref.kafka()) {
        conf.put(DRIVER + ref.env(), ref.secret() + ":" + ref.key());
        if (ref.executors()) {
          conf.put(EXECUTOR + ref.env(), ref.secret() + ":" + ref.key());
        }
      }
    }
    return conf;
  }
}
