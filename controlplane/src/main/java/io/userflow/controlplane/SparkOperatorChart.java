package io.userflow.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the Kubeflow spark-operator chart v2.4.0 installs, for one job namespace, on a control plane with a {@link
 * Node}, with kubectl (there is no helm here): its three CRDs, its RBAC and ServiceAccounts
 * ({@code spark-operator-rbac.yaml}), its controller and webhook as host processes ({@link SparkOperator}, each with
 * its ServiceAccount's token), and its webhook configurations ({@code spark-operator-webhooks.yaml}), pointed at the
 * webhook, applied once the webhook runs and complete once it patched its CA into them.
 */
public final class SparkOperatorChart {
  public static final String RELEASE_NAMESPACE = "spark-operator";
  /** The drivers' ServiceAccount the chart makes in each job namespace. */
  public static final String DRIVER_SERVICE_ACCOUNT = "spark-operator-spark";

  private SparkOperatorChart() {}

  /** Installs it for {@code jobNamespace}, which is made when missing (a chart's release may have made it). */
  public static SparkOperator install(ControlPlane cp, Node node, String jobNamespace)
      throws IOException, InterruptedException {
    Kubectl kubectl = cp.kubectl();
    List<Path> crds = cp.binaries().sparkOperatorCrds();
    for (Path crd : crds) {
      kubectl.ok("apply", "--server-side", "-f", crd.toString());
    }
    kubectl.awaitEstablished(Duration.ofSeconds(60), crds.stream().map(p -> p.getFileName().toString()
        .replaceFirst("^sparkoperator\\.k8s\\.io_(.*)\\.yaml$", "$1.sparkoperator.k8s.io")).toList());
    apply(kubectl, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + jobNamespace + "\n");
    apply(kubectl, resource("/spark-operator-rbac.yaml").replace("JOB_NAMESPACE", jobNamespace));
    SparkOperator operator = SparkOperator.start(cp, node,
        cp.serviceAccountKubeconfig(RELEASE_NAMESPACE, "spark-operator-controller"),
        cp.serviceAccountKubeconfig(RELEASE_NAMESPACE, "spark-operator-webhook"), RELEASE_NAMESPACE,
        List.of(jobNamespace));
    apply(kubectl, resource("/spark-operator-webhooks.yaml").replace("JOB_NAMESPACE", jobNamespace)
        .replace("WEBHOOK_URL", operator.webhookUrl()));
    for (String kind : List.of("mutatingwebhookconfiguration", "validatingwebhookconfiguration")) {
      String bundles = "";
      for (int i = 0; i < 60 && (bundles.isEmpty() || bundles.contains("[]")); i++) {
        Thread.sleep(500);
        bundles = kubectl.ok("get", kind, SparkOperator.WEBHOOK_NAME, "-o",
            "jsonpath={range .webhooks[*]}[{.clientConfig.caBundle}]{end}");
      }
      if (bundles.isEmpty() || bundles.contains("[]")) {
        throw new IllegalStateException(kind + " " + SparkOperator.WEBHOOK_NAME + " has no CA in some webhook after"
            + " 30 s: the webhook did not patch it; its log is " + operator.webhookLog());
      }
    }
    return operator;
  }

  /** The webhook configurations: cluster-wide, so they go before the webhook does. */
  public static void uninstallWebhooks(Kubectl kubectl) {
    kubectl.ok("delete", "mutatingwebhookconfiguration,validatingwebhookconfiguration", SparkOperator.WEBHOOK_NAME);
  }

  private static void apply(Kubectl kubectl, String manifest) {
    Kubectl.Result applied = kubectl.apply(manifest);
    if (!applied.ok()) {
      throw new IllegalStateException("kubectl apply of the spark-operator chart's objects failed: " + applied.err());
    }
  }

  private static String resource(String name) throws IOException {
    try (var in = SparkOperatorChart.class.getResourceAsStream(name.substring(1))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
