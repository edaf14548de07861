package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.controlplane.Kubectl;
import io.userflow.deploy.helm.StackChartCopy;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.ReprocessApproval;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.api.status.Condition;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.iceberg.FakeTableMetadataService;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.reconciler.PipelineTables;
import io.userflow.operator.reconciler.ReprocessReconciler;
import io.userflow.operator.spark.SparkApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27 items 3 and 4 on the real API server: both charts' NetworkPolicies pass server-side validation; the
 * Airflow ServiceAccount (the stack chart's own Role) may create Reprocesses but gets 403 creating a
 * ReprocessApproval, and an Automatic FULL Reprocess it creates waits for one under the operator's approval policy
 * (the real ReprocessReconciler in JOSDK, table metadata faked) until someone with that right approves it.
 */
@ExtendWith(ControlPlaneExtension.class)
class SecurityOnApiServerIT {
  static final String NS = "security-check";
  static final String AIRFLOW = "userflow-airflow";
  static ControlPlane cp;
  static Kubectl kubectl;
  static List<GenericKubernetesResource> stack;

  @BeforeAll
  static void install(ControlPlane controlPlane, @TempDir Path temp) {
    cp = controlPlane;
    RealCluster.installOnce(cp);
    kubectl = cp.kubectl();
    kubectl.ok("create", "namespace", NS);
    // the stack chart as helm renders it for this namespace (the spark-operator subchart stands in, see StackChartCopy)
    String rendered = new Helm(StackChartCopy.create(temp)).template().withName("userflow").withNamespace(NS)
        .withKubeVersion(ApiServerChecks.serverVersion(kubectl)).set("spark-operator.enabled", true).call();
    stack = Arrays.stream(rendered.split("(?m)^---\\s*$")).map(String::strip)
        .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
        .map(doc -> Serialization.unmarshal(doc, GenericKubernetesResource.class)).toList();
  }

  @Test
  void bothChartsNetworkPoliciesPassServerSideValidation() {
    List<GenericKubernetesResource> policies = stack.stream().filter(r -> r.getKind().equals("NetworkPolicy"))
        .toList();
    assertThat(policies).extracting(r -> r.getMetadata().getName()).contains("userflow-default-deny",
        "userflow-operator", "userflow-spark", "userflow-kafka", "userflow-postgres", "userflow-s3",
        "userflow-trino", "userflow-grafana", "userflow-airflow", "userflow-spark-operator");
    for (GenericKubernetesResource policy : policies) {
      Kubectl.Result result = kubectl.run(List.of("create", "--dry-run=server", "-o", "name", "-f", "-"),
          Serialization.asJson(policy));
      assertThat(result.exitCode()).as("server-side dry run of NetworkPolicy %s: %s", policy.getMetadata().getName(),
          result.err()).isZero();
    }
    // and what the API server refuses is refused: the check is real
    GenericKubernetesResource broken = Serialization.unmarshal(Serialization.asJson(policies.get(0)),
        GenericKubernetesResource.class);
    broken.setAdditionalProperty("spec", Map.of("podSelector", Map.of(), "policyTypes", List.of("Sideways")));
    assertThat(kubectl.run(List.of("create", "--dry-run=server", "-f", "-"), Serialization.asJson(broken))
        .exitCode()).isNotZero();
  }

  @Test
  void airflowCannotApproveAndItsAutomaticFullReprocessWaitsForAnApproval() throws Exception {
    String airflow = ApiServerChecks.serviceAccountUser(NS, AIRFLOW);
    for (GenericKubernetesResource rbac : stack) {
      if (AIRFLOW.equals(rbac.getMetadata().getName()) && !rbac.getKind().equals("NetworkPolicy")) {
        created(Serialization.asJson(rbac));
      }
    }
    assertThat(kubectl.run("auth", "can-i", "create", "reprocesses.userflow.io", "-n", NS, "--as", airflow).out()
        .strip()).isEqualTo("yes");
    assertThat(kubectl.run("auth", "can-i", "create", "reprocessapprovals.userflow.io", "-n", NS, "--as", airflow)
        .out().strip()).isEqualTo("no");

    FakeTableMetadataService tables = new FakeTableMetadataService();
    tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).build());
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
    tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
    try (KubernetesClient client = RealCluster.adminClient(cp)) {
      client.resource(new SecretBuilder().withNewMetadata().withName("catalog-credentials").withNamespace(NS)
          .addToLabels(ApiGroup.CREDENTIALS_LABEL, "true").endMetadata()
          .withData(Map.of("username", "dXNlcg==", "password", "c2VjcmV0")).build()).create();
      FeaturePipeline fp = Fixtures.pipeline("clicks");
      fp.getMetadata().setNamespace(NS);
      client.resource(fp).create();
      Operator operator = start(client, tables);
      try {
        // Airflow asks for a FULL rebuild and writes approval: Automatic
        Reprocess rp = Fixtures.reprocess("rebuild", "clicks");
        rp.getMetadata().setNamespace(NS);
        rp.getMetadata().setUid(null);
        rp.getMetadata().setCreationTimestamp(null);
        rp.getSpec().mode = ReprocessMode.Full;
        created(Serialization.asJson(rp), "--as", airflow);
        await().atMost(Duration.ofSeconds(60)).until(() -> phase(client) == ReprocessPhase.AwaitingApproval);
        Reprocess waiting = get(client);
        assertThat(waiting.getSpec().approval).hasToString("Automatic");
        Condition approved = Conditions.find(waiting.getStatus().conditions, Conditions.APPROVED).orElseThrow();
        assertThat(approved.status).isEqualTo("False");
        assertThat(approved.message).contains("approvalPolicy.full");
        String planHash = waiting.getStatus().planHash;

        // Airflow cannot approve it: 403 on the approval, and the annotation it may still write approves nothing
        Kubectl.Result denied = kubectl.run(List.of("create", "-f", "-", "--as", airflow),
            Serialization.asJson(approval("airflow-says-yes", planHash)));
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.err()).contains("forbidden", "reprocessapprovals");
        kubectl.ok("annotate", "reprocess", "rebuild", "-n", NS, "--as", airflow,
            ApiGroup.APPROVED_ANNOTATION + "=" + planHash);
        await().atMost(Duration.ofSeconds(30)).until(() -> Conditions.find(get(client).getStatus().conditions,
            Conditions.APPROVED).map(c -> c.reason).orElse("").equals("AnnotationNotHonoured"));
        assertThat(phase(client)).isEqualTo(ReprocessPhase.AwaitingApproval);
        assertThat(children(client)).as("nothing runs before the approval").isEmpty();

        // the API server checks an approval's form; someone with the right approves the plan shown
        assertThat(kubectl.run(List.of("create", "-f", "-"), Serialization.asJson(approval("malformed", "not-a-hash")))
            .exitCode()).isNotZero();
        created(Serialization.asJson(approval("reviewed", planHash)));
        await().atMost(Duration.ofSeconds(60)).until(() -> phase(client) == ReprocessPhase.RunningSilver);
        await().atMost(Duration.ofSeconds(30)).until(() -> children(client).size() == 1);
        assertThat(Conditions.find(get(client).getStatus().conditions, Conditions.APPROVED).orElseThrow().message)
            .contains("approved by ReprocessApproval reviewed");
      } finally {
        operator.stop();
      }
    }
  }

  /** {@code kubectl create -f -} of {@code json} with {@code args}, which must succeed. */
  private static void created(String json, String... args) {
    List<String> command = new ArrayList<>(List.of("create", "-f", "-"));
    command.addAll(List.of(args));
    Kubectl.Result result = kubectl.run(command, json);
    assertThat(result.exitCode()).as("kubectl %s: %s", command, result.err()).isZero();
  }

  private static ReprocessApproval approval(String name, String planHash) {
    ReprocessApproval a = Fixtures.approval(name, "rebuild", planHash);
    a.getMetadata().setNamespace(NS);
    a.getMetadata().setUid(null);
    a.getMetadata().setCreationTimestamp(null);
    return a;
  }

  private static Reprocess get(KubernetesClient client) {
    return client.resources(Reprocess.class).inNamespace(NS).withName("rebuild").get();
  }

  private static ReprocessPhase phase(KubernetesClient client) {
    Reprocess rp = get(client);
    return rp == null || rp.getStatus() == null ? null : rp.getStatus().phase;
  }

  private static List<String> children(KubernetesClient client) {
    return client.resources(SparkApplication.class).inNamespace(NS).list().getItems().stream()
        .filter(a -> "rebuild".equals(a.getMetadata().getLabels().get(ApiGroup.REPROCESS_LABEL)))
        .map(a -> a.getMetadata().getName()).toList();
  }

  /** The real ReprocessReconciler with the chart's approval policy (approvalPolicy.full, maxDays 31). */
  private static Operator start(KubernetesClient client, FakeTableMetadataService tables) {
    Clock clock = Clock.systemUTC();
    Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(new ReprocessReconciler(client, new PipelineTables(tables), new EventRecorder(client, clock),
        new OperatorMetrics(new SimpleMeterRegistry()), Fixtures.operatorConfig(true, 31), clock),
        o -> o.settingNamespace(NS));
    operator.start();
    return operator;
  }
}
