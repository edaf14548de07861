package io.userflow.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.userflow.deploy.RepoPaths;
import io.userflow.deploy.helm.RenderedObjects.Rendered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator chart (helm/userflow) lints strictly and renders hardened, well-formed objects. */
class OperatorChartTest {
  private static List<Rendered> objects;

  @BeforeAll
  static void render() {
    objects = RenderedObjects.parse(Charts.template(RepoPaths.operatorChart()));
  }

  @Test
  void lintsStrictly() {
    LintResult result = Charts.lintStrict(RepoPaths.operatorChart());
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @Test
  void rendersTheExpectedKinds() {
    assertThat(objects).extracting(Rendered::kind).containsExactlyInAnyOrder(
        "ServiceAccount", "Role", "RoleBinding", "Role", "RoleBinding", "Service", "Deployment", "NetworkPolicy",
        "NetworkPolicy", "NetworkPolicy");
  }

  @Test
  void everyObjectIsItsModelTypeWithNoUnknownField() {
    for (Rendered o : objects) {
      assertThat(o.model()).as("fabric8 model type of %s", o.describe()).isNotNull();
      assertThat(UnknownFields.in(o.model())).as("unknown fields of %s", o.describe()).isEmpty();
    }
  }

  @Test
  void objectsAreUniqueAndInTheReleaseNamespace() {
    assertThat(objects).extracting(o -> o.kind() + "/" + o.name()).doesNotHaveDuplicates();
    objects.stream()
        .filter(o -> !o.kind().startsWith("Cluster"))
        .forEach(o -> assertThat(o.model().getMetadata().getNamespace()).as(o.describe()).isEqualTo(Charts.NAMESPACE));
  }

  @Test
  void operatorRunsTheAppVersionImageHardenedWithATmpVolume() throws Exception {
    Deployment deployment = single(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);

    String appVersion = chartField(RepoPaths.operatorChart().resolve("Chart.yaml"), "appVersion");
    assertThat(operator.getImage()).isEqualTo("userflow/operator:" + appVersion);
    assertThat(PodSpecs.hardeningGaps(pod, operator)).isEmpty();
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/tmp");
      assertThat(pod.getVolumes()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo(m.getName());
        assertThat(v.getEmptyDir()).isNotNull();
      });
    });
    assertThat(pod.getServiceAccountName()).isEqualTo(single(ServiceAccount.class).getMetadata().getName());
  }

  @Test
  void operatorProbesQuarkusHealthOnPort8080() {
    Container operator = single(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void operatorWatchesTheReleaseNamespaceByDefault() {
    assertThat(env(objects)).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", Charts.NAMESPACE)
        .containsEntry("QUARKUS_OPERATOR_SDK_CRD_APPLY", "false")
        .as("settings fixed when the operator is built do nothing at run time")
        .doesNotContainKeys("QUARKUS_OPERATOR_SDK_CRD_VALIDATE", "QUARKUS_KUBERNETES_CLIENT_NAMESPACE");
  }

  @Test
  void operatorWatchesTheGivenNamespacesWithNoClusterRole() {
    List<Rendered> rendered = RenderedObjects.parse(Charts.template(RepoPaths.operatorChart(), Map.of(
        "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")));
    assertThat(env(rendered)).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b");
    assertThat(rendered).extracting(Rendered::kind).doesNotContain("ClusterRole", "ClusterRoleBinding");
  }

  @Test
  void operatorGetsItsAllowListsAndApprovalPolicyAsConfig() {
    assertThat(env(objects)).containsEntry("USERFLOW_OPERATOR_ALLOW_IMAGE_PREFIXES",
            "ghcr.io/userflow/,userflow/spark-jobs")
        .containsEntry("USERFLOW_OPERATOR_ALLOW_SERVICE_ACCOUNTS", "spark,userflow-spark")
        .containsEntry("USERFLOW_OPERATOR_APPROVAL_FULL", "true")
        .containsEntry("USERFLOW_OPERATOR_APPROVAL_MAX_DAYS", "31")
        .as("no prefix: only local:// files").doesNotContainKey("USERFLOW_OPERATOR_ALLOW_APPLICATION_FILE_PREFIXES");

    List<Rendered> rendered = RenderedObjects.parse(Charts.template(RepoPaths.operatorChart(), Map.of(
        "allowList.applicationFilePrefixes[0]", "s3a://jars/", "allowList.applicationFilePrefixes[1]",
        "https://repo.example/jars/")));
    assertThat(env(rendered)).containsEntry("USERFLOW_OPERATOR_ALLOW_APPLICATION_FILE_PREFIXES",
        "s3a://jars/,https://repo.example/jars/");
  }

  @Test
  void onlyTheOperatorPodMountsItsServiceAccountToken() {
    assertThat(single(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    assertThat(single(Deployment.class).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
        .as("the operator calls the API server").isTrue();
  }

  @Test
  void schemaRefusesAnEmptyAllowList() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Charts.template(RepoPaths.operatorChart(),
        Map.of("allowList.serviceAccounts", "{}"))).hasMessageContaining("serviceAccounts");
  }

  @Test
  void metricsServiceIsAnnotatedForPrometheus() {
    Service service = single(Service.class);
    assertThat(service.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8080")
        .containsEntry("prometheus.io/path", "/q/metrics");
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
    });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(single(Deployment.class).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void notesTellTheNextThreeCommands() throws Exception {
    String notes = Files.readString(RepoPaths.operatorChart().resolve("templates/NOTES.txt"));
    assertThat(notes).contains("kubectl apply -n", "helm/userflow/examples/featurepipeline.yaml",
        "kubectl get fp,rp", "kubectl wait", "--for=condition=Succeeded rp/clickstream-initial");
    assertThat(RepoPaths.operatorChart().resolve("examples/featurepipeline.yaml")).isRegularFile();
  }

  @Test
  void leaderElectionGetsThePodsNameAndNamespaceAndTheAllowListItsServiceAccount() {
    Deployment d = RenderedObjects.ofType(objects, Deployment.class).get(0);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null)
        .collect(Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getFieldRef().getFieldPath())))
        .containsExactlyInAnyOrderEntriesOf(Map.of("USERFLOW_OPERATOR_POD_NAME", "metadata.name",
            "USERFLOW_OPERATOR_POD_NAMESPACE", "metadata.namespace",
            "USERFLOW_OPERATOR_SERVICE_ACCOUNT", "spec.serviceAccountName"));
  }

  private static Map<String, String> env(List<Rendered> rendered) {
    Deployment d = RenderedObjects.ofType(rendered, Deployment.class).get(0);
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static <T> T single(Class<T> type) {
    List<T> found = RenderedObjects.ofType(objects, type);
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  static String chartField(Path chartYaml, String field) throws Exception {
    return Files.readAllLines(chartYaml).stream()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> l.substring(field.length() + 1).trim().replace("\"", ""))
        .findFirst()
        .orElseThrow();
  }
}
