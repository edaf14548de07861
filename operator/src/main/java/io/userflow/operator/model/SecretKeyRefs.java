package io.userflow.operator.model;

import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ObjectStorageSpec;
import io.userflow.operator.api.spec.SecretCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secret values the Spark pods read as environment variables, declared with Spark's own
 * {@code spark.kubernetes.{driver,executor}.secretKeyRef.<ENV>=<secret>:<key>} settings: spark-submit writes them
 * into the pod specs itself, so they reach the pods with or without the spark-operator's webhook, and only names
 * and keys, never values, appear in the SparkApplication. Pure.
 */
public final class SecretKeyRefs {
  public static final String DRIVER = "spark.kubernetes.driver.secretKeyRef.";
  public static final String EXECUTOR = "spark.kubernetes.executor.secretKeyRef.";

  private SecretKeyRefs() {}

  /**
   * sparkConf entries: catalog credentials for the driver (only it commits to the catalog), Kafka credentials for
   * a streaming job's driver and executors (executors read the topic), S3 keys for both (executors write files).
   */
  public static Map<String, String> of(FeaturePipelineSpec spec, boolean kafka) {
    Map<String, String> conf = new LinkedHashMap<>();
    SecretCredentials catalog = spec.catalog.credentials;
    if (catalog != null) {
      put(conf, false, JobArguments.CATALOG_USER_ENV, catalog.secretName, catalog.usernameKey);
      put(conf, false, JobArguments.CATALOG_PASSWORD_ENV, catalog.secretName, catalog.passwordKey);
    }
    SecretCredentials source = spec.source.credentials;
    if (kafka && source != null) {
      put(conf, true, JobArguments.KAFKA_USER_ENV, source.secretName, source.usernameKey);
      put(conf, true, JobArguments.KAFKA_PASSWORD_ENV, source.secretName, source.passwordKey);
    }
    ObjectStorageSpec storage = spec.catalog.storage;
    if (storage != null && storage.credentials != null) {
      put(conf, true, JobArguments.S3_ACCESS_KEY_ENV, storage.credentials.secretName,
          storage.credentials.accessKeyIdKey);
      put(conf, true, JobArguments.S3_SECRET_KEY_ENV, storage.credentials.secretName,
          storage.credentials.secretAccessKeyKey);
    }
    return conf;
  }

  private static void put(Map<String, String> conf, boolean executors, String env, String secret, String key) {
    conf.put(DRIVER + env, secret + ":" + key);
    if (executors) {
      conf.put(EXECUTOR + env, secret + ":" + key);
    }
  }
}
