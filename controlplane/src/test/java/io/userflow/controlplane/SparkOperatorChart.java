package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

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
final class SparkOperatorChart {
  static final String RELEASE_NAMESPACE = "spark-operator";

  private SparkOperatorChart() {}

  static SparkOperator install(ControlPlane cp, Node node, String jobNamespace)
      throws IOException, InterruptedException {
    Kubectl kubectl = cp.kubectl();
    List<Path> crds = cp.binaries().sparkOperatorCrds();
    for (Path crd : crds) {
      kubectl.ok("apply", "--server-side", "-f", crd.toString());
    }
    kubectl.awaitEstablished(Duration.ofSeconds(60), crds.stream().map(p -> p.getFileName().toString()
        .replaceFirst("^sparkoperator\\.k8s\\.io_(.*)\\.yaml$", "$1.sparkoperator.k8s.io")).toList());
    kubectl.ok("create", "namespace", jobNamespace);
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
      assertThat(bundles).as("%s with the webhook's CA in every webhook; log %s", kind, operator.webhookLog())
          .isNotEmpty().doesNotContain("[]");
    }
    return operator;
  }

  /** The webhook configurations: cluster-wide, so they go before the webhook does. */
  static void uninstallWebhooks(Kubectl kubectl) {
    kubectl.ok("delete", "mutatingwebhookconfiguration,validatingwebhookconfiguration", SparkOperator.WEBHOOK_NAME);
  }

  private static void apply(Kubectl kubectl, String manifest) {
    Kubectl.Result applied = kubectl.apply(manifest);
    assertThat(applied.ok()).as(applied.err()).isTrue();
  }

  private static String resource(String name) throws IOException {
    try (var in = SparkOperatorChart.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
