package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real pods: the control plane plus a {@link Node} (containerd, kubelet, scheduler, CoreDNS), a Pod from our own
 * image (cluster/images.sh, no Docker, no registry) scheduled, run, logged and deleted, a Pod resolving the
 * kubernetes Service by name, and the host as clean afterwards as before. Needs root and the Debian packages in {@link Node#PACKAGES}; runs in the Maven profile real-pods, which {@code USERFLOW_REAL_PODS=1} turns on
 * (.ci/run sets it).
 */
@ExtendWith(ControlPlaneExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIT {
  static Kubectl kubectl;
  static Node node;

  @BeforeAll
  static void start(ControlPlane cp) {
    kubectl = cp.kubectl();
    node = Node.start(cp, NodeImages.build(ControlPlaneBinaries.repoRoot()),
        Path.of(System.getProperty("userflow.node.dir", "/tmp/userflow-node")));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** A new namespace with one pod of the base image that runs {@code script} once (no token: see Node). */
  private static void createPod(String namespace, String name, String script) {
    kubectl.ok("create", "namespace", namespace);
    assertThat(kubectl.apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: %s}
        spec:
          restartPolicy: Never
          automountServiceAccountToken: false
          containers:
          - name: %s
            image: %s
            imagePullPolicy: Never
            command: [sh, -c, '%s']
        """.formatted(name, namespace, name, node.image("base"), script)).ok()).isTrue();
  }

  @Test
  @Order(1)
  void aPodOfOurImageRunsPrintsAndIsDeleted() {
    createPod("pods-check", "hello", "echo \"hello from $(hostname) on Debian $(cat /etc/debian_version)\"");
    Kubectl.Result done = kubectl.run("wait", "pod/hello", "-n", "pods-check",
        "--for=jsonpath={.status.phase}=Succeeded", "--timeout=180s");
    assertThat(done.ok()).as("pod Succeeded: %s\n%s", done.err(),
        kubectl.run("describe", "pod", "hello", "-n", "pods-check").out()).isTrue();
    assertThat(kubectl.ok("get", "pod", "hello", "-n", "pods-check", "-o", "jsonpath={.spec.nodeName}"))
        .isEqualTo(node.name());
    assertThat(kubectl.ok("logs", "hello", "-n", "pods-check")).matches("hello from hello on Debian 12\\.\\d+\\s*");

    kubectl.ok("delete", "pod", "hello", "-n", "pods-check", "--wait=true", "--timeout=120s");
    assertThat(node.ctr("-n", "k8s.io", "tasks", "ls").out().lines().skip(1)
        .filter(l -> l.contains("RUNNING")).toList()).as("no container or sandbox still running").isEmpty();
  }

  @Test
  @Order(2)
  void aPodResolvesTheKubernetesServiceThroughCoreDns() throws InterruptedException {
    createPod("dns-check", "lookup", "getent hosts kubernetes.default.svc.cluster.local && getent hosts kubernetes.default");
    String phase = "";
    for (int i = 0; i < 360 && !phase.equals("Succeeded") && !phase.equals("Failed"); i++) {
      Thread.sleep(500);
      phase = kubectl.ok("get", "pod", "lookup", "-n", "dns-check", "-o", "jsonpath={.status.phase}");
    }
    String clusterIp = kubectl.ok("get", "service", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP}");
    String logs = kubectl.run("logs", "lookup", "-n", "dns-check").out();
    assertThat(phase).as("phase; logs: %s", logs).isEqualTo("Succeeded");
    assertThat(logs.lines().map(l -> List.of(l.strip().split("\\s+")))).as("full name, then through the search path")
        .containsExactly(List.of(clusterIp, "kubernetes.default.svc.cluster.local"),
            List.of(clusterIp, "kubernetes.default.svc.cluster.local"));
    kubectl.ok("delete", "pod", "lookup", "-n", "dns-check", "--wait=true", "--timeout=120s");
  }

  @Test
  @Order(3)
  void closingTheNodeLeavesNothingOnTheHost() {
    // what kube-proxy or an ipMasq bridge would add: a chain of ours and a quoted-comment jump into it
    NodeHost.run("iptables", "-t", "nat", "-N", "KUBE-USERFLOW-CHECK");
    NodeHost.run("iptables", "-t", "nat", "-A", "OUTPUT", "-m", "comment", "--comment", "userflow node check",
        "-j", "KUBE-USERFLOW-CHECK");
    assertThat(node.hostLeftovers()).contains("iptables chain iptables/nat/KUBE-USERFLOW-CHECK");

    node.close();
    assertThat(node.hostLeftovers()).isEmpty();
    assertThat(NodeHost.run("iptables-save", "-t", "nat")).doesNotContain("USERFLOW");
  }
}
