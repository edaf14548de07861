package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.userflow.controlplane.Kubectl;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkPodSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the end-to-end test reads off the real API server besides the resources: audit log, stored JSON, RBAC. */
final class ApiServerChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiServerChecks() {}

  /** helm template renders for a version it is told; the one the API server reports, as install sees it. */
  static String serverVersion(Kubectl kubectl) {
    return kubectl.ok("get", "--raw", "/version").replaceAll("(?s).*\"gitVersion\":\\s*\"([^\"]+)\".*", "$1");
  }

  static String serviceAccountUser(String namespace, String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /** The audit log's events of the requests {@code user} made. */
  static List<JsonNode> callsBy(Path auditLog, String user) throws IOException {
    List<JsonNode> calls = new ArrayList<>();
    for (String line : Files.readAllLines(auditLog)) {
      JsonNode e = JSON.readTree(line);
      if (user.equals(e.path("user").path("username").asText())) {
        calls.add(e);
      }
    }
    return calls;
  }

  /** What the server stored is what the operator wrote: nothing pruned by the real SparkApplication schema. */
  static void assertWrittenAsMeant(ClusterView cluster, SparkApplication desired) {
    String name = desired.getMetadata().getName();
    JsonNode stored;
    try {
      stored = JSON.readTree(cluster.kubectl("get", "sparkapplication", name, "-o", "json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode written = JSON.valueToTree(Serialization.jsonMapper().convertValue(desired, Map.class));
    assertThat(JsonSubset.differences(written.path("spec"), stored.path("spec"))).as("spec of %s", name).isEmpty();
    assertThat(JsonSubset.differences(written.path("metadata").path("labels"), stored.path("metadata")
        .path("labels"))).as("labels of %s", name).isEmpty();
    assertThat(stored.path("metadata").path("ownerReferences").get(0).path("uid").asText()).as("owner of %s", name)
        .isEqualTo(written.path("metadata").path("ownerReferences").get(0).path("uid").asText());
  }

  /** A Role (as {@code kubectl get -o json} prints it) with {@code verb} taken out of the rules on {@code resource}. */
  static String withoutVerb(String roleJson, String resource, String verb) throws IOException {
    JsonNode role = JSON.readTree(roleJson);
    for (JsonNode rule : role.path("rules")) {
      if (rule.path("resources").toString().contains("\"" + resource + "\"")) {
        ArrayNode verbs = (ArrayNode) rule.path("verbs");
        for (int i = verbs.size() - 1; i >= 0; i--) {
          if (verbs.get(i).asText().equals(verb)) {
            verbs.remove(i);
          }
        }
      }
    }
    return role.toString();
  }

  /**
   * airflow/dev/test-with-operator.sh against this cluster: dag.test() of both DAGs in Airflow 3, the
   * KubernetesPodOperator's pod run by the local pod runner as the Airflow ServiceAccount, the Reprocesses run by
   * the operator under test. Returns its exit code; its output goes to {@code log}.
   */
  static int airflowWithOperator(ControlPlane cp, String namespace, String pipeline, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "airflow/dev/test-with-operator.sh")
        .directory(BuildOutputs.repoRoot().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", cp.kubeconfig().toString());
    pb.environment().put("KUBECTL_DIR", cp.binaries().bin().toString());
    pb.environment().put("USERFLOW_NAMESPACE", namespace);
    pb.environment().put("USERFLOW_PIPELINE", pipeline);
    Process airflow = pb.start();
    if (!airflow.waitFor(10, TimeUnit.MINUTES)) {
      airflow.destroyForcibly();
      throw new IllegalStateException("the Airflow tests ran over 10 minutes; see " + log);
    }
    return airflow.exitValue();
  }

  /**
   * {@code kubectl create --dry-run=server} of the pod the spark-operator would make from {@code pod} (image, service
   * account and, if {@code withSecurityContexts}, the security contexts the factory set): the API server's
   * PodSecurity admission judges it as it would the real pod, and nothing is stored (no kubelet would run it).
   */
  static Kubectl.Result createPodDryRun(Kubectl kubectl, String namespace, SparkApplication app, SparkPodSpec pod,
      boolean withSecurityContexts) {
    Pod bare = new PodBuilder().withNewMetadata().withName(app.getMetadata().getName() + "-pod-security")
        .withNamespace(namespace).withLabels(pod.labels).endMetadata()
        .withNewSpec().withServiceAccountName(pod.serviceAccount)
        .withSecurityContext(withSecurityContexts ? pod.podSecurityContext : null)
        .addNewContainer().withName("spark-kubernetes-driver").withImage(app.getSpec().image)
        .withSecurityContext(withSecurityContexts ? pod.securityContext : null).endContainer()
        .endSpec().build();
    return kubectl.run(List.of("create", "--dry-run=server", "-f", "-"), Serialization.asJson(bare));
  }
}
