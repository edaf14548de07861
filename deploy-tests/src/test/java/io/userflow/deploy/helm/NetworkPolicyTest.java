package io.userflow.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.userflow.deploy.RepoPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both charts' NetworkPolicies as helm renders them: deny by default, then each component's needs (issue 27 item 3).
 * The API server validates them in operator-it's SecurityOnApiServerIT.
 */
class NetworkPolicyTest {
  private static final Map<String, String> SPARK_DRIVER = Map.of("spark-role", "driver");
  private static final Map<String, String> SPARK_EXECUTOR = Map.of("spark-role", "executor");

  @TempDir
  Path tempDir;

  @Test
  void theOperatorChartDeniesByDefaultAndLetsTheOperatorReachDnsTheApiServerAndCatalogs() {
    List<NetworkPolicy> policies = policies(Charts.template(RepoPaths.operatorChart()));
    NetworkPolicy deny = named(policies, "userflow-default-deny");
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

    NetworkPolicy operator = named(policies, "userflow-operator");
    Deployment deployment = RenderedObjects.ofType(RenderedObjects.parse(Charts.template(RepoPaths.operatorChart())),
        Deployment.class).get(0);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(operator.getSpec().getPodSelector().getMatchLabels());
    assertThat(egressPorts(operator)).contains(53, 443, 6443, 5432, 9000);
    assertThat(ingressPorts(operator)).containsExactly(8080);
  }

  @Test
  void sparkPodsOfEveryWatchedNamespaceReachEachOtherKafkaCatalogAndS3AndNothingElse() {
    List<NetworkPolicy> policies = policies(Charts.template(RepoPaths.operatorChart(),
        Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")));
    List<NetworkPolicy> spark = policies.stream().filter(p -> p.getMetadata().getName().equals("userflow-spark"))
        .toList();
    assertThat(spark).extracting(p -> p.getMetadata().getNamespace()).containsExactlyInAnyOrder("team-a", "team-b");
    NetworkPolicy p = spark.get(0);
    assertThat(selects(p, SPARK_DRIVER)).isTrue();
    assertThat(selects(p, SPARK_EXECUTOR)).isTrue();
    assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
        .singleElement().satisfies(peer -> assertThat(peer.getPodSelector()).isEqualTo(p.getSpec().getPodSelector())));
    assertThat(egressPorts(p)).contains(53, 443, 6443, 9092, 9093, 5432, 9000);
    assertThat(p.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo()).singleElement()
        .satisfies(peer -> assertThat(peer.getPodSelector()).isEqualTo(p.getSpec().getPodSelector())));
  }

  @Test
  void theSwitchTurnsThemOff() {
    assertThat(policies(Charts.template(RepoPaths.operatorChart(), Map.of("networkPolicy.enabled", false))))
        .isEmpty();
    Path stack = StackChartCopy.create(tempDir);
    assertThat(policies(Charts.template(stack, Map.of("spark-operator.enabled", false, "networkPolicy.enabled",
        false, "userflow.networkPolicy.enabled", false)))).isEmpty();
  }

  @Test
  void everyStackPodIsSelectedByAPolicyOfItsOwnBesidesTheDefaultDeny() {
    Path stack = StackChartCopy.create(tempDir);
    var objects = RenderedObjects.parse(Charts.template(stack, Map.of("spark-operator.enabled", false)));
    List<NetworkPolicy> policies = RenderedObjects.ofType(objects, NetworkPolicy.class);
    List<PodTemplateSpec> pods = new ArrayList<>();
    RenderedObjects.ofType(objects, Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
    RenderedObjects.ofType(objects, StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate()));
    RenderedObjects.ofType(objects, Job.class).forEach(j -> pods.add(j.getSpec().getTemplate()));
    assertThat(pods).hasSizeGreaterThanOrEqualTo(6);
    for (PodTemplateSpec pod : pods) {
      assertThat(policies.stream().filter(p -> !p.getMetadata().getName().endsWith("-default-deny"))
          .filter(p -> selects(p, pod.getMetadata().getLabels())).toList())
          .as("policies selecting pod %s", pod.getMetadata().getLabels()).isNotEmpty();
    }
    assertThat(policies).anySatisfy(p -> assertThat(p.getMetadata().getName()).endsWith("-default-deny"));
    // the catalog database: the operator, the Spark pods and Trino, on 5432 only
    NetworkPolicy postgres = named(policies, "userflow-postgres");
    assertThat(ingressPorts(postgres)).containsExactly(5432);
    NetworkPolicyIngressRule from = postgres.getSpec().getIngress().get(0);
    assertThat(from.getFrom()).anySatisfy(peer -> assertThat(matches(peer, Map.of("app.kubernetes.io/name",
        "userflow", "app.kubernetes.io/instance", "userflow"))).isTrue());
    assertThat(from.getFrom()).anySatisfy(peer -> assertThat(matches(peer, SPARK_EXECUTOR)).isTrue());
    assertThat(postgres.getSpec().getEgress()).isEmpty();
    // Airflow's task pods reach the API server and nothing else
    NetworkPolicy airflow = named(policies, "userflow-airflow");
    assertThat(selects(airflow, Map.of("kubernetes_pod_operator", "True"))).isTrue();
    assertThat(egressPorts(airflow)).containsExactlyInAnyOrder(53, 53, 443, 6443);
    assertThat(airflow.getSpec().getIngress()).isEmpty();
  }

  private static List<NetworkPolicy> policies(String rendered) {
    return RenderedObjects.ofType(RenderedObjects.parse(rendered), NetworkPolicy.class);
  }

  private static NetworkPolicy named(List<NetworkPolicy> policies, String name) {
    return policies.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name + " in " + policies.stream()
            .map(p -> p.getMetadata().getName()).toList()));
  }

  private static List<Integer> egressPorts(NetworkPolicy p) {
    return p.getSpec().getEgress().stream().map(NetworkPolicyEgressRule::getPorts).filter(Objects::nonNull)
        .flatMap(List::stream).map(NetworkPolicyPort::getPort).filter(Objects::nonNull).map(port -> port.getIntVal())
        .toList();
  }

  private static List<Integer> ingressPorts(NetworkPolicy p) {
    return p.getSpec().getIngress().stream().map(NetworkPolicyIngressRule::getPorts).filter(Objects::nonNull)
        .flatMap(List::stream).map(NetworkPolicyPort::getPort).filter(Objects::nonNull).map(port -> port.getIntVal())
        .toList();
  }

  private static boolean matches(NetworkPolicyPeer peer, Map<String, String> labels) {
    return peer.getPodSelector() != null && LabelSelectors.matches(peer.getPodSelector(), labels);
  }

  private static boolean selects(NetworkPolicy p, Map<String, String> labels) {
    return LabelSelectors.matches(p.getSpec().getPodSelector(), labels);
  }
}
