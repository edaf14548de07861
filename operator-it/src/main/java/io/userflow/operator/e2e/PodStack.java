package io.userflow.operator.e2e;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.userflow.controlplane.ControlPlane;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.controlplane.DockerfileImage;
import io.userflow.controlplane.Kubectl;
import io.userflow.controlplane.Node;
import io.userflow.controlplane.NodeImages;
import io.userflow.controlplane.SparkOperator;
import io.userflow.controlplane.SparkOperatorChart;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.spec.CatalogType;
import io.userflow.operator.api.spec.SecretKeySpec;
import io.userflow.operator.api.spec.SparkResources;
import io.userflow.testing.objectstore.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example pipeline's world on real pods: a one-node cluster ({@link Node}: containerd, kubelet, CoreDNS) beside
 * the control plane, the jobs image built from {@code docker/spark-jobs.Dockerfile} without Docker and imported into
 * the node, the Kubeflow spark-operator (controller and webhook, as its chart installs them) for the release
 * namespace, and on the node bridge's address (the host's one
 * address pods reach) a Kafka broker, an S3 API (S3Proxy) and an Iceberg REST catalog on it; then a release of our
 * chart in a namespace of its own, whose operator
 * runs as the chart's Deployment from the operator image built from {@code docker/operator.Dockerfile}. Every
 * SparkApplication the operator makes is run by the real spark-operator as driver and executor pods of the jobs
 * image.
 */
final class PodStack implements AutoCloseable {
  static final String NAMESPACE = "userflow-pods";
  /** The release's name; the chart's ServiceAccount has the same name. */
  static final String RELEASE = "userflow-pods";
  static final String TOPIC = "user-events";
  static final String BUCKET = "warehouse";
  static final String S3_SECRET = "warehouse-s3";
  static final String REST_SECRET = "rest-catalog";

  final Path work;
  final Node node;
  final String jobsImage;
  final String operatorImage;
  final LocalBroker broker;
  final LocalObjectStore objectStore;
  final LocalRestCatalog restCatalog;
  private final List<AutoCloseable> closing;
  private final Kubectl kubectl;

  private PodStack(Path work, Node node, String jobsImage, String operatorImage, LocalBroker broker, LocalObjectStore objectStore,
      LocalRestCatalog restCatalog, List<AutoCloseable> closing, Kubectl kubectl) {
    this.work = work;
    this.node = node;
    this.jobsImage = jobsImage;
    this.operatorImage = operatorImage;
    this.broker = broker;
    this.objectStore = objectStore;
    this.restCatalog = restCatalog;
    this.closing = closing;
    this.kubectl = kubectl;
  }

  /** Starts everything; on a failure what was started is stopped again. */
  static PodStack start(ControlPlane cp, KubernetesClient admin, Path work, Map<String, String> operatorSettings)
      throws IOException, InterruptedException {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Path root = BuildOutputs.repoRoot();
      NodeImages images = NodeImages.build(root);
      Node node = Node.start(cp, images, Path.of(System.getProperty("userflow.node.dir", "/tmp/userflow-node")));
      started.add(0, node);
      DockerfileImage jobs = image(root, "docker/spark-jobs.Dockerfile", images, node);
      DockerfileImage operatorImage = image(root, "docker/operator.Dockerfile", images, node);

      Kubectl kubectl = cp.kubectl();
      kubectl.ok("create", "namespace", NAMESPACE);
      kubectl.ok("label", "namespace", NAMESPACE, "pod-security.kubernetes.io/enforce=restricted", "--overwrite");
      SparkOperator sparkOperator = SparkOperatorChart.install(cp, node, NAMESPACE);
      started.add(0, sparkOperator);
      started.add(0, () -> SparkOperatorChart.uninstallWebhooks(kubectl));

      String host = node.bridgeAddress();
      LocalBroker broker = LocalBroker.startWithExternalListener(work.resolve("broker"), host);
      started.add(0, broker);
      broker.createTopic(TOPIC, 2);
      LocalObjectStore objectStore = LocalObjectStore.startOn(host, work.resolve("s3"), BUCKET);
      started.add(0, objectStore);
      LocalRestCatalog rest = LocalRestCatalog.startOnS3(host, work.resolve("rest-catalog"),
          "s3a://" + BUCKET + "/userflow", objectStore.storage(), false);
      started.add(0, rest);
      LocalStack.optedIn(admin, NAMESPACE, S3_SECRET, Map.of("AWS_ACCESS_KEY_ID", LocalObjectStore.ACCESS_KEY_ID,
          "AWS_SECRET_ACCESS_KEY", LocalObjectStore.SECRET_ACCESS_KEY));
      LocalStack.optedIn(admin, NAMESPACE, REST_SECRET,
          Map.of("credential", LocalRestCatalog.CLIENT_ID + ":" + LocalRestCatalog.CLIENT_SECRET));

      installOperator(cp, operatorImage.reference(), operatorSettings);
      started.add(0, () -> kubectl.run("delete", "namespace", NAMESPACE, "--wait=true", "--timeout=120s"));
      return new PodStack(work, node, jobs.reference(), operatorImage.reference(), broker, objectStore, rest, started, kubectl);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      Closing.closeAll(started.toArray(AutoCloseable[]::new));
      throw e;
    }
  }

  /** Builds a docker/ Dockerfile here ({@link DockerfileImage}) and imports it into the node. */
  private static DockerfileImage image(Path root, String dockerfile, NodeImages images, Node node) {
    Progress.say("building %s without Docker", dockerfile);
    DockerfileImage image = DockerfileImage.build(root, dockerfile, images, Map.of());
    node.importImage(image.reference(), image.archive());
    return image;
  }

  /**
   * {@code helm install} of our chart with the operator image built here: the operator runs as the chart's
   * Deployment on the node (its probes, read-only root and restricted security context as the chart writes them),
   * allowed the images built here and the spark-operator's drivers' ServiceAccount; returns once it is Ready.
   */
  private static void installOperator(ControlPlane cp, String image, Map<String, String> settings) {
    int colon = image.lastIndexOf(':');
    Progress.say("helm install %s helm/userflow -n %s --set image.repository=%s,image.tag=%s", RELEASE, NAMESPACE,
        image.substring(0, colon), image.substring(colon + 1));
    var install = new Helm(RealCluster.chart()).install().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeConfig(cp.kubeconfig())
        .set("image.repository", image.substring(0, colon)).set("image.tag", image.substring(colon + 1))
        .set("image.pullPolicy", "Never")
        .set("allowList.imagePrefixes[0]", "userflow.local/")
        .set("allowList.serviceAccounts[0]", SparkOperatorChart.DRIVER_SERVICE_ACCOUNT);
    int i = 0;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings).entrySet()) {
      install = install.set("env[" + i + "].name", e.getKey()).set("env[" + i + "].value", e.getValue());
      i++;
    }
    install.call();
    cp.kubectl().awaitEstablished(java.time.Duration.ofSeconds(60), RealCluster.CRDS);
    Kubectl.Result ready = cp.kubectl().run("rollout", "status", "deployment/" + RELEASE, "-n", NAMESPACE,
        "--timeout=180s");
    if (!ready.ok()) {
      throw new IllegalStateException("the operator's Deployment did not become ready: " + ready.out() + ready.err()
          + "\n" + cp.kubectl().run("describe", "pods", "-n", NAMESPACE, "-l",
          "app.kubernetes.io/name=userflow").out() + "\n" + cp.kubectl().run("logs", "deployment/" + RELEASE, "-n",
          NAMESPACE, "--tail=80").out());
    }
  }

  /** How this test reads the tables: through the REST catalog, files with the S3 keys the pipeline's Secret holds. */
  CatalogSettings catalogSettings(String catalogName) {
    return restCatalog.settings(catalogName, objectStore.storage());
  }

  /** The operator's log (its Deployment's pod). */
  String operatorLog() {
    return kubectl.run("logs", "deployment/" + RELEASE, "-n", NAMESPACE, "--tail=-1").out();
  }

  /**
   * examples/featurepipeline.yaml pointed at this stack: the broker's bridge listener, the REST catalog with its
   * OAuth2 client in an opted-in Secret, tables and checkpoint in the S3 bucket (keys from an opted-in Secret), the
   * jobs image built here, the spark-operator's drivers' ServiceAccount, and requests a 2-core node fits.
   */
  FeaturePipeline pipeline(String name) throws IOException {
    FeaturePipeline fp = BuildOutputs.example("featurepipeline.yaml", FeaturePipeline.class);
    fp.getMetadata().setName(name);
    fp.getMetadata().setNamespace(NAMESPACE);
    fp.getSpec().source.bootstrapServers = broker.externalBootstrapServers();
    fp.getSpec().catalog.type = CatalogType.rest;
    fp.getSpec().catalog.uri = restCatalog.uri();
    fp.getSpec().catalog.warehouse = restCatalog.warehouse();
    fp.getSpec().catalog.credentials = null;
    fp.getSpec().catalog.oauth2Credential = new SecretKeySpec();
    fp.getSpec().catalog.oauth2Credential.secretName = REST_SECRET;
    fp.getSpec().catalog.oauth2Credential.key = "credential";
    fp.getSpec().catalog.vendedCredentials = false;
    fp.getSpec().catalog.storage.endpoint = objectStore.endpoint();
    fp.getSpec().catalog.storage.credentials.secretName = S3_SECRET;
    fp.getSpec().streaming.checkpointLocation = "s3a://" + BUCKET + "/checkpoints/" + name + "/bronze";
    fp.getSpec().streaming.image = jobsImage;
    fp.getSpec().streaming.serviceAccount = SparkOperatorChart.DRIVER_SERVICE_ACCOUNT;
    fp.getSpec().streaming.triggerInterval = "5s";
    fp.getSpec().streaming.driver = small("768m", 1);
    fp.getSpec().streaming.executor = small("768m", 1);
    fp.getSpec().batch.driver = small("768m", 1);
    fp.getSpec().batch.executor = small("768m", 1);
    return fp;
  }

  private static SparkResources small(String memory, int instances) {
    SparkResources r = SparkResources.of(1, memory, instances);
    r.coreRequest = "200m";
    return r;
  }

  /** {@code kubectl get pods -n NAMESPACE -o wide}, for the log and the report. */
  String pods() {
    return kubectl.run("get", "pods", "-n", NAMESPACE, "-o", "wide").out();
  }

  @Override
  public void close() {
    Closing.closeAll(closing.toArray(AutoCloseable[]::new));
  }
}
