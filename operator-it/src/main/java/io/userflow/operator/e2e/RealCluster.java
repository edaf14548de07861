package io.userflow.operator.e2e;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cluster admin does once before the operator can run, on the real control plane: the Kubeflow
 * SparkApplication CRD of the pinned spark-operator release (server-side apply: it is too large for kubectl's
 * last-applied annotation), then {@code helm install userflow helm/userflow} into the example's namespace, which
 * brings our CRDs, the ServiceAccount and its RBAC; every CRD Established before anything uses it.
 */
final class RealCluster {
  static final String RELEASE = "userflow";
  static final String NAMESPACE = "userflow";
  /** The chart's ServiceAccount for release {@value #RELEASE} (its full name). */
  static final String OPERATOR_SERVICE_ACCOUNT = "userflow";
  static final List<String> CRDS = List.of("featurepipelines.userflow.io", "reprocesses.userflow.io",
      "sparkapplications.sparkoperator.k8s.io", "reprocessapprovals.userflow.io", "trainingsets.userflow.io");
  private static boolean installed;

  private RealCluster() {}

  static synchronized void installOnce(ControlPlane cp) {
    if (installed) {
      return;
    }
    Kubectl kubectl = cp.kubectl();
    Progress.say("kubectl apply --server-side -f %s", cp.binaries().sparkApplicationCrd());
    kubectl.ok("apply", "--server-side", "-f", cp.binaries().sparkApplicationCrd().toString());
    Progress.say("helm install %s helm/userflow -n %s --create-namespace", RELEASE, NAMESPACE);
    new Helm(chart()).install().withName(RELEASE).withNamespace(NAMESPACE).createNamespace()
        .withKubeConfig(cp.kubeconfig()).call();
    kubectl.awaitEstablished(java.time.Duration.ofSeconds(60), CRDS);
    installed = true;
  }

  static Path chart() {
    return BuildOutputs.repoRoot().resolve("helm/userflow");
  }

  /** A fabric8 client with the admin's kubeconfig: what the test (not the operator) uses. */
  static KubernetesClient adminClient(ControlPlane cp) {
    try {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig())))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
