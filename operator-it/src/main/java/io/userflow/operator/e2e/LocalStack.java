package io.userflow.operator.e2e;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.userflow.controlplane.ControlPlane;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.testing.objectstore.LocalObjectStore;
import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.spec.KafkaTlsSpec;
import io.userflow.operator.api.spec.SecretCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything around the control plane that the example pipeline needs on this machine: a Kafka broker, an S3 API
 * for the warehouse and checkpoint, the opt-in Secrets the example names (and the Kafka login and CA), the packaged operator on the chart's
 * ServiceAccount token, and the spark-operator stand-in. Used by the end-to-end test and by
 * {@code ./userflow cluster-demo}.
 */
final class LocalStack implements AutoCloseable {
  static final String TOPIC = "user-events";
  /** The example's warehouse and checkpoint bucket. */
  static final String BUCKET = "warehouse";
  static final String S3_SECRET = "warehouse-s3";
  static final String CATALOG_SECRET = "catalog-credentials";
  static final String CATALOG_PASSWORD = "not-used-by-sqlite";
  /** The Bronze job's SCRAM-SHA-512 login on the broker's SASL_SSL listener, and the broker's CA. */
  static final String KAFKA_SECRET = "kafka-credentials";
  static final String KAFKA_USER = "bronze-clicks";
  static final String KAFKA_PASSWORD = "kafka-scram-password-of-the-e2e";
  static final String KAFKA_CA_SECRET = "kafka-ca";
  /**
   * Driver JVMs on a small shared machine: the jobs run for seconds, so C1 alone and one GC thread halve their CPU
   * time (a Silver run went from 36 s to 19 s of CPU). What spark.driver.extraJavaOptions would carry.
   */
  static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  final Path work;
  final LocalBroker broker;
  final LocalObjectStore objectStore;
  final OperatorProcess operator;
  final FakeSparkOperator sparkOperator;

  private LocalStack(Path work, LocalBroker broker, LocalObjectStore objectStore, OperatorProcess operator,
      FakeSparkOperator sparkOperator) {
    this.work = work;
    this.broker = broker;
    this.objectStore = objectStore;
    this.operator = operator;
    this.sparkOperator = sparkOperator;
  }

  static LocalStack start(ControlPlane cp, KubernetesClient admin, String namespace, Path work,
      Map<String, String> operatorSettings) throws IOException {
    LocalBroker broker = LocalBroker.startWithSasl(work.resolve("broker"), Map.of());
    broker.createTopic(TOPIC, 2);
    broker.addScramUser("SCRAM-SHA-512", KAFKA_USER, KAFKA_PASSWORD);
    LocalObjectStore objectStore = LocalObjectStore.start(work.resolve("s3"), BUCKET);
    // the namespace's owner opts these Secrets in for pipelines (the label); the operator sees no other Secret
    optedIn(admin, namespace, CATALOG_SECRET, Map.of("username", "userflow", "password", CATALOG_PASSWORD));
    optedIn(admin, namespace, S3_SECRET, Map.of("AWS_ACCESS_KEY_ID", LocalObjectStore.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", LocalObjectStore.SECRET_ACCESS_KEY));
    optedIn(admin, namespace, KAFKA_SECRET, Map.of("username", KAFKA_USER, "password", KAFKA_PASSWORD));
    optedIn(admin, namespace, KAFKA_CA_SECRET, Map.of("ca.crt", broker.caPem()));
    OperatorProcess operator = new OperatorProcess(cp.serviceAccountKubeconfig(namespace,
        RealCluster.OPERATOR_SERVICE_ACCOUNT), namespace, operatorSettings, work.resolve("operator"));
    operator.start();
    FakeSparkOperator sparkOperator = new FakeSparkOperator(admin, namespace, BuildOutputs.jobsClasspath(),
        Stream.concat(BuildOutputs.sparkJvmOpens().stream(), QUICK_JVM.stream()).toList(), work.resolve("drivers"));
    sparkOperator.start();
    return new LocalStack(work, broker, objectStore, operator, sparkOperator);
  }

  /** The Secret values of this stack: none may show up in a log, Event, status or SparkApplication. */
  static List<String> secretValues() {
    return List.of(CATALOG_PASSWORD, LocalObjectStore.SECRET_ACCESS_KEY, KAFKA_PASSWORD);
  }

  static void optedIn(KubernetesClient admin, String namespace, String name, Map<String, String> values) {
    SecretBuilder secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels(ApiGroup.CREDENTIALS_LABEL, "true").endMetadata();
    values.forEach((key, value) -> secret.addToData(key, base64(value)));
    admin.resource(secret.build()).createOr(existing -> existing.update());
  }

  /**
   * examples/featurepipeline.yaml pointed at this machine: the broker's SASL_SSL listener with a SCRAM login and
   * its CA, an SQLite catalog, the local S3 endpoint.
   */
  FeaturePipeline examplePipeline() throws IOException {
    FeaturePipeline fp = withSaslSource(BuildOutputs.example("featurepipeline.yaml", FeaturePipeline.class));
    fp.getSpec().catalog.uri = "jdbc:sqlite:" + work.resolve("catalog.db");
    fp.getSpec().catalog.storage.endpoint = objectStore.endpoint();
    fp.getSpec().catalog.storage.credentials.secretName = S3_SECRET;
    return fp;
  }

  /**
   * examples/featurepipeline-rest.yaml pointed at this machine: the broker as in {@link #examplePipeline()}, the
   * given REST catalog (its OAuth2 client in the Secret the example names, which the caller opts in), the streaming
   * checkpoint in the work dir. The local server keeps its tables in a folder, so no S3 settings at all.
   */
  FeaturePipeline restCatalogPipeline(LocalRestCatalog rest) throws IOException {
    FeaturePipeline fp = withSaslSource(BuildOutputs.example("featurepipeline-rest.yaml", FeaturePipeline.class));
    fp.getSpec().catalog.uri = rest.uri();
    fp.getSpec().catalog.warehouse = rest.warehouse();
    fp.getSpec().streaming.checkpointLocation = work.resolve("checkpoints/bronze").toUri().toString();
    return fp;
  }


  private FeaturePipeline withSaslSource(FeaturePipeline fp) {
    fp.getSpec().source.bootstrapServers = broker.saslSslBootstrapServers();
    fp.getSpec().source.securityProtocol = KafkaSecurity.Protocol.SASL_SSL;
    fp.getSpec().source.saslMechanism = KafkaSecurity.Mechanism.SCRAM_SHA_512;
    fp.getSpec().source.credentials = new SecretCredentials();
    fp.getSpec().source.credentials.secretName = KAFKA_SECRET;
    fp.getSpec().source.tls = new KafkaTlsSpec();
    fp.getSpec().source.tls.caSecretName = KAFKA_CA_SECRET;
    return fp;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    Closing.closeAll(sparkOperator, operator, broker, objectStore);
  }
}
