package io.userflow.operator.e2e;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.jobs.broker.LocalBroker;
import io.userflow.jobs.objectstore.LocalObjectStore;
import io.userflow.operator.api.FeaturePipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything around the control plane that the example pipeline needs on this machine: a Kafka broker, an S3 API
 * for the warehouse and checkpoint, the two Secrets the example names, the packaged operator on the chart's
 * ServiceAccount token, and the spark-operator stand-in. Used by the end-to-end test and by
 * {@code ./userflow cluster-demo}.
 */
final class LocalStack implements AutoCloseable {
  static final String TOPIC = "user-events";
  /** The example's warehouse and checkpoint bucket. */
  static final String BUCKET = "warehouse";
  static final String S3_SECRET = "warehouse-s3";
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
    LocalBroker broker = LocalBroker.start(work.resolve("broker"));
    broker.createTopic(TOPIC, 2);
    LocalObjectStore objectStore = LocalObjectStore.start(work.resolve("s3"), BUCKET);
    admin.resource(new SecretBuilder().withNewMetadata().withName("catalog-credentials").withNamespace(namespace)
        .endMetadata().addToData("username", base64("userflow")).addToData("password", base64("not-used-by-sqlite"))
        .build()).createOr(existing -> existing.update());
    admin.resource(new SecretBuilder().withNewMetadata().withName(S3_SECRET).withNamespace(namespace).endMetadata()
        .addToData("AWS_ACCESS_KEY_ID", base64(LocalObjectStore.ACCESS_KEY_ID))
        .addToData("AWS_SECRET_ACCESS_KEY", base64(LocalObjectStore.SECRET_ACCESS_KEY)).build())
        .createOr(existing -> existing.update());
    OperatorProcess operator = new OperatorProcess(cp.serviceAccountKubeconfig(namespace,
        RealCluster.OPERATOR_SERVICE_ACCOUNT), namespace, operatorSettings, work.resolve("operator"));
    operator.start();
    FakeSparkOperator sparkOperator = new FakeSparkOperator(admin, namespace, BuildOutputs.jobsClasspath(),
        Stream.concat(BuildOutputs.sparkJvmOpens().stream(), QUICK_JVM.stream()).toList(), work.resolve("drivers"));
    sparkOperator.start();
    return new LocalStack(work, broker, objectStore, operator, sparkOperator);
  }

  /** examples/featurepipeline.yaml pointed at this machine: the broker, an SQLite catalog, the local S3 endpoint. */
  FeaturePipeline examplePipeline() throws IOException {
    FeaturePipeline fp = Serialization.unmarshal(Files.readString(BuildOutputs.repoRoot()
        .resolve("examples/featurepipeline.yaml")), FeaturePipeline.class);
    fp.getSpec().source.bootstrapServers = broker.bootstrapServers();
    fp.getSpec().catalog.uri = "jdbc:sqlite:" + work.resolve("catalog.db");
    fp.getSpec().catalog.storage.endpoint = objectStore.endpoint();
    fp.getSpec().catalog.storage.credentials.secretName = S3_SECRET;
    return fp;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {sparkOperator, operator, broker, objectStore}) {
      try {
        c.close();
      } catch (Exception e) {
        Progress.say("while stopping %s: %s", c.getClass().getSimpleName(), e);
      }
    }
  }
}
