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
 * kubernetes Service by name, spark-submit in cluster mode running a driver pod with two executor pods of the spark
 * image, and the host as clean afterwards as before. Needs root and the Debian packages in {@link Node#PACKAGES}; runs in the Maven profile real-pods, which {@code USERFLOW_REAL_PODS=1} turns on
 * (.ci/run sets it).
 */
@ExtendWith(ControlPlaneExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIT {
  static ControlPlane controlPlane;
  static Kubectl kubectl;
  static Node node;

  @BeforeAll
  static void start(ControlPlane cp) {
    controlPlane = cp;
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

  /**
   * spark-submit of the host (the pyspark distribution the spark image carries) in cluster mode: a driver pod of the
   * spark image, under a ServiceAccount allowed to make pods, reaches the API server as kubernetes.default.svc, makes
   * two executor pods, and they reach it by its Service; the job counts a range. The main class is compiled here
   * against the distribution's jars and reaches both pods on a read-only hostPath volume.
   */
  @Test
  @Order(3)
  void sparkSubmitRunsADriverPodWithExecutorPods() throws Exception {
    String ns = "spark-check";
    kubectl.ok("create", "namespace", ns);
    assertThat(kubectl.apply("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: spark, namespace: %1$s}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: spark-driver, namespace: %1$s}
        rules:
        - apiGroups: [""]
          resources: [pods, services, configmaps, persistentvolumeclaims]
          verbs: [create, get, list, watch, update, patch, delete, deletecollection]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: spark-driver, namespace: %1$s}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: spark-driver}
        subjects: [{kind: ServiceAccount, name: spark, namespace: %1$s}]
        """.formatted(ns)).ok()).isTrue();

    Path sparkHome = node.sparkHome();
    Path app = SparkCountApp.jar(sparkHome, node.dir().resolve("spark-app"));
    Path submitLog = node.dir().resolve("spark-submit.log");
    List<String> submit = new java.util.ArrayList<>(List.of(sparkHome.resolve("bin/spark-submit").toString(),
        "--master", "k8s://" + controlPlane.server(), "--deploy-mode", "cluster", "--name", "userflow-count",
        "--class", SparkCountApp.CLASS));
    for (String conf : List.of("spark.kubernetes.namespace=" + ns,
        "spark.kubernetes.container.image=" + node.image("spark"),
        "spark.kubernetes.container.image.pullPolicy=Never",
        "spark.kubernetes.authenticate.submission.caCertFile=" + controlPlane.servingCertificate(),
        "spark.kubernetes.authenticate.submission.oauthToken=" + controlPlane.adminToken(),
        "spark.kubernetes.authenticate.driver.serviceAccountName=spark",
        "spark.kubernetes.driver.pod.name=userflow-count-driver",
        "spark.executor.instances=2", "spark.driver.memory=512m", "spark.executor.memory=512m",
        "spark.kubernetes.driver.request.cores=200m", "spark.kubernetes.executor.request.cores=200m",
        "spark.kubernetes.executor.deleteOnTermination=false",
        "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "spark.scheduler.maxRegisteredResourcesWaitingTime=240s",
        "spark.kubernetes.submission.waitAppCompletion=true",
        "spark.kubernetes.driver.volumes.hostPath.app.mount.path=/opt/userflow-app",
        "spark.kubernetes.driver.volumes.hostPath.app.mount.readOnly=true",
        "spark.kubernetes.driver.volumes.hostPath.app.options.path=" + app.getParent(),
        "spark.kubernetes.executor.volumes.hostPath.app.mount.path=/opt/userflow-app",
        "spark.kubernetes.executor.volumes.hostPath.app.mount.readOnly=true",
        "spark.kubernetes.executor.volumes.hostPath.app.options.path=" + app.getParent())) {
      submit.addAll(List.of("--conf", conf));
    }
    submit.add("local:///opt/userflow-app/" + app.getFileName());
    ProcessBuilder pb = new ProcessBuilder(submit).redirectErrorStream(true)
        .redirectOutput(submitLog.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean ended = p.waitFor(8, java.util.concurrent.TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String driverLog = kubectl.run("logs", "userflow-count-driver", "-n", ns).out();
    java.nio.file.Files.writeString(node.dir().resolve("spark-driver.log"), driverLog);
    String why = "spark-submit log " + submitLog + "\ndriver log:\n" + driverLog + "\n"
        + kubectl.run("get", "pods", "-n", ns, "-o", "wide").out();
    System.err.printf("NodeIT: spark-submit ended in %.1f s; the job printed: %s%n", (System.nanoTime() - t0) / 1e9,
        driverLog.lines().filter(l -> l.startsWith("userflow-count:")).toList());
    assertThat(ended).as("spark-submit ended within 8 minutes; %s", why).isTrue();
    assertThat(p.exitValue()).as("spark-submit's exit; %s", why).isZero();

    assertThat(kubectl.ok("get", "pods", "-n", ns, "-l", "spark-role=driver", "-o", "name").strip())
        .isEqualTo("pod/userflow-count-driver");
    assertThat(kubectl.ok("get", "pod", "userflow-count-driver", "-n", ns, "-o", "jsonpath={.status.phase}"))
        .as(why).isEqualTo("Succeeded");
    assertThat(kubectl.ok("get", "pods", "-n", ns, "-l", "spark-role=executor", "-o", "name").lines().toList())
        .as(why).hasSizeGreaterThanOrEqualTo(1);
    assertThat(driverLog).as(why).contains(SparkCountApp.EXPECTED_OUTPUT);

    kubectl.ok("delete", "namespace", ns, "--wait=false");
  }

  @Test
  @Order(4)
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
