package io.userflow.operator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneBinaries;
import io.userflow.controlplane.Kubectl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Quarkus app under test against the real control plane: the SparkApplication CRD of the pinned spark-operator
 * release and our CRDs from helm/userflow/crds applied as an admin would (the operator applies none), the test namespace made,
 * and the app's Kubernetes client pointed at the server with the admin token and the server's own certificate.
 */
public class RealControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  private ControlPlane controlPlane;

  @Override
  public Map<String, String> start() {
    controlPlane = ControlPlane.start(ControlPlaneBinaries.build(ControlPlaneBinaries.repoRoot()),
        Path.of("target/controlplane").toAbsolutePath());
    Kubectl kubectl = controlPlane.kubectl();
    kubectl.ok("apply", "--server-side", "-f", controlPlane.binaries().sparkApplicationCrd().toString());
    kubectl.ok("apply", "--server-side", "-f", RepoPaths.crds().toString());
    kubectl.awaitEstablished(Duration.ofSeconds(60), List.of("featurepipelines.userflow.io",
        "reprocesses.userflow.io", "sparkapplications.sparkoperator.k8s.io"));
    kubectl.ok("create", "namespace", Fixtures.NAMESPACE);
    return Map.of("quarkus.kubernetes-client.api-server-url", controlPlane.server(),
        "quarkus.kubernetes-client.token", controlPlane.adminToken(),
        "quarkus.kubernetes-client.ca-cert-file", controlPlane.servingCertificate().toString(),
        "quarkus.kubernetes-client.namespace", Fixtures.NAMESPACE);
  }

  @Override
  public void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }
}
