package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.controlplane.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code helm install}, {@code helm upgrade} and {@code helm uninstall} of helm/userflow against the real API server
 * (helm-java, the Helm library itself): each creates exactly what {@code helm template} renders for the same
 * values, and uninstall leaves nothing of the release but the CRDs (Helm never deletes those).
 */
@ExtendWith(ControlPlaneExtension.class)
class HelmOnApiServerIT {
  static final String RELEASE = "helm-check";
  static final String NS = "helm-check";
  static final String EXTRA_NS = "helm-check-extra";
  static ControlPlane cp;
  static Kubectl kubectl;

  @BeforeAll
  static void install(ControlPlane controlPlane) {
    cp = controlPlane;
    RealCluster.installOnce(cp);
    kubectl = cp.kubectl();
  }

  /** What a release of these values consists of: kind/name in namespace, CRDs aside (helm template skips them). */
  record Rendered(String kind, String namespace, String name) {
    String ref() {
      return kind.toLowerCase() + "/" + name;
    }
  }

  @Test
  void installUpgradeAndUninstallCreateAndRemoveExactlyWhatTheChartRenders() throws IOException {
    Release installed = new Helm(RealCluster.chart()).install().withName(RELEASE).withNamespace(NS)
        .createNamespace().withKubeConfig(cp.kubeconfig()).call();
    assertThat(installed.getStatus()).isEqualTo("deployed");
    List<Rendered> first = rendered(null);
    assertThat(first).extracting(Rendered::kind).contains("ServiceAccount", "Role", "RoleBinding", "Deployment",
        "Service").doesNotContain("ClusterRole", "ClusterRoleBinding");
    assertOnServer(first, true);
    assertThat(onServer()).containsExactlyInAnyOrderElementsOf(first);

    kubectl.ok("create", "namespace", EXTRA_NS);
    Path values = Files.writeString(Files.createTempFile("helm-check", ".yaml"),
        "watchNamespaces: [" + NS + ", " + EXTRA_NS + "]\n");
    Release upgraded = new Helm(RealCluster.chart()).upgrade().withName(RELEASE).withNamespace(NS)
        .withValuesFile(values).withKubeConfig(cp.kubeconfig()).call();
    assertThat(upgraded.getRevision()).isEqualTo("2");
    List<Rendered> second = rendered(values);
    // a watched namespace gets its Role and the NetworkPolicy of its Spark pods
    assertThat(second).filteredOn(r -> EXTRA_NS.equals(r.namespace())).extracting(Rendered::kind)
        .containsExactlyInAnyOrder("Role", "RoleBinding", "NetworkPolicy");
    assertOnServer(second, true);
    assertThat(onServer()).containsExactlyInAnyOrderElementsOf(second);
    String deployment = second.stream().filter(r -> r.kind().equals("Deployment")).findFirst().orElseThrow().name();
    assertThat(kubectl.ok("get", "deployment", deployment, "-n", NS, "-o",
        "jsonpath={.spec.template.spec.containers[0].env[?(@.name==\"QUARKUS_OPERATOR_SDK_NAMESPACES\")].value}"))
        .isEqualTo(NS + "," + EXTRA_NS);

    String out = Helm.uninstall(RELEASE).withNamespace(NS).withKubeConfig(cp.kubeconfig()).call();
    assertThat(out).contains(RELEASE);
    assertOnServer(second, false);
    assertThat(onServer()).isEmpty();
    for (String crd : RealCluster.CRDS.subList(0, 2)) {
      assertThat(kubectl.run("get", "crd", crd).exitCode()).as("Helm keeps CRDs on uninstall").isZero();
    }
  }

  private static List<Rendered> rendered(Path values) {
    var template = new Helm(RealCluster.chart()).template().withName(RELEASE).withNamespace(NS)
        .withKubeVersion(ApiServerChecks.serverVersion(kubectl));
    if (values != null) {
      template = template.withValuesFile(values);
    }
    return Arrays.stream(template.call().split("(?m)^---\\s*$")).map(String::strip)
        .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
        .map(doc -> Serialization.unmarshal(doc, GenericKubernetesResource.class))
        .map(r -> new Rendered(r.getKind(), isClusterScoped(r.getKind()) ? null : r.getMetadata().getNamespace(),
            r.getMetadata().getName()))
        .toList();
  }

  /** Everything on the server that carries the release's instance label (the chart's helpers put it on all). */
  private static List<Rendered> onServer() {
    String kinds = "serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings,deployments,services,"
        + "configmaps,secrets,networkpolicies";
    String out = kubectl.ok("get", kinds, "-A", "-l", "app.kubernetes.io/instance=" + RELEASE, "-o",
        "jsonpath={range .items[*]}{.kind}{\"\\t\"}{.metadata.namespace}{\"\\t\"}{.metadata.name}{\"\\n\"}{end}");
    return out.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
        .map(f -> new Rendered(f[0], f[1].isEmpty() ? null : f[1], f[2])).toList();
  }

  private static void assertOnServer(List<Rendered> objects, boolean present) {
    for (Rendered r : objects) {
      List<String> args = r.namespace() == null ? List.of("get", r.ref()) : List.of("get", r.ref(), "-n", r.namespace());
      Kubectl.Result got = kubectl.run(args.toArray(String[]::new));
      assertThat(got.exitCode() == 0).as("%s %s", r, present ? "exists" : "is gone: " + got.out()).isEqualTo(present);
    }
  }

  private static boolean isClusterScoped(String kind) {
    return kind.startsWith("Cluster");
  }
}
