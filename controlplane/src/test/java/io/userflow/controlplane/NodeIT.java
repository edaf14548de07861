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
 * image, the Kubeflow spark-operator (controller and webhook, as its chart installs them) running SparkApplications
 * to COMPLETED and (with a retry) FAILED and refusing an invalid one, our own Silver and Gold jobs as
 * SparkApplications on an Iceberg catalog shared with the host, our Bronze job streaming from a Kafka broker on the
 * host into that catalog exactly once across a killed driver, and the host as clean afterwards as before. Needs root and the Debian packages in {@link Node#PACKAGES}; runs in the Maven profile real-pods, which {@code USERFLOW_REAL_PODS=1} turns on
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
    if (sparkOperator != null) {
      sparkOperator.close();
    }
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

  /**
   * The Kubeflow spark-operator's controller (v2.4.0, with its chart's RBAC for itself and for the drivers) takes a
   * SparkApplication, runs spark-submit, and follows the driver and executor pods it makes to COMPLETED; the first
   * attempt's driver pod is killed once it runs, and under {@code restartPolicy: OnFailure} the controller submits
   * the application again. The pods carry the application as their owner, so deleting it deletes them (the control
   * plane's garbage collector).
   */
  @Test
  @Order(4)
  void theSparkOperatorRunsASparkApplicationToCompletedAndItsPodsGoWithIt() throws Exception {
    long t0 = System.nanoTime();
    startSparkOperator();
    SparkApplicationManifest app = new SparkApplicationManifest(SPARK_APPS, "userflow-count", node.image("spark"),
        SparkCountApp.CLASS, sparkAppJar, 2, "{type: OnFailure, onFailureRetries: 1, onFailureRetryInterval: 1}",
        SparkApplicationManifest.Volume.POD_TEMPLATES);
    assertThat(kubectl.apply(app.yaml()).ok()).isTrue();
    String phase = "";
    for (int i = 0; i < 240 && !phase.equals("Running"); i++) {
      Thread.sleep(1000);
      phase = kubectl.run("get", "pod", app.driverPod(), "-n", SPARK_APPS, "-o", "jsonpath={.status.phase}").out();
    }
    assertThat(phase).as("the first driver pod running; %s", apps.why(app.namespace(), app.name(), "")).isEqualTo("Running");
    kubectl.ok("delete", "pod", app.driverPod(), "-n", SPARK_APPS, "--grace-period=0", "--force");
    System.err.printf("NodeIT: killed the first driver pod of userflow-count %.1f s after the start%n",
        (System.nanoTime() - t0) / 1e9);
    String state = apps.awaitFinalState(app.namespace(), app.name(), java.time.Duration.ofMinutes(8));
    String driverLog = kubectl.run("logs", app.driverPod(), "-n", SPARK_APPS).out();
    String why = apps.why(app.namespace(), app.name(), driverLog);
    System.err.printf("NodeIT: the spark-operator took userflow-count to %s in %.1f s (with its start); the job "
        + "printed: %s%n", state, (System.nanoTime() - t0) / 1e9,
        driverLog.lines().filter(l -> l.startsWith("userflow-count:")).toList());
    assertThat(state).as(why).isEqualTo("COMPLETED");
    assertThat(kubectl.ok("get", "sparkapplication", app.name(), "-n", SPARK_APPS, "-o",
        "jsonpath={.status.executionAttempts}")).as("attempts: the killed one and the one that completed; " + why)
        .isEqualTo("2");
    // the controller reads COMPLETED from the driver container's exit; the pod's phase may follow a moment later
    assertThat(kubectl.run("wait", "pod/" + app.driverPod(), "-n", SPARK_APPS,
        "--for=jsonpath={.status.phase}=Succeeded", "--timeout=60s").ok()).as(why).isTrue();
    assertThat(kubectl.ok("get", "pods", "-n", SPARK_APPS, "-l", app.podSelector() + ",spark-role=executor", "-o",
        "name").lines().toList()).as(why).hasSizeGreaterThanOrEqualTo(1);
    assertThat(driverLog).as(why).contains(SparkCountApp.EXPECTED_OUTPUT);
    assertThat(kubectl.ok("get", "pod", app.driverPod(), "-n", SPARK_APPS, "-o",
        "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}"))
        .isEqualTo("SparkApplication/" + app.name());
    // what only the webhook applies: the application's security contexts, on the driver and on the executors
    String contexts = "jsonpath={range .items[*]}{.metadata.labels.spark-role} {.spec.securityContext.runAsNonRoot} "
        + "{.spec.securityContext.seccompProfile.type} {.spec.containers[0].securityContext.allowPrivilegeEscalation} "
        + "{.spec.containers[0].securityContext.capabilities.drop}{\"\\n\"}{end}";
    assertThat(kubectl.ok("get", "pods", "-n", SPARK_APPS, "-l", app.podSelector(), "-o", contexts).lines()
        .sorted().toList()).as("security contexts; webhook log %s", sparkOperator.webhookLog())
        .containsExactly("driver true RuntimeDefault false [\"ALL\"]", "executor true RuntimeDefault false [\"ALL\"]",
            "executor true RuntimeDefault false [\"ALL\"]");

    long d0 = System.nanoTime();
    kubectl.ok("delete", "sparkapplication", app.name(), "-n", SPARK_APPS, "--wait=true", "--timeout=60s");
    String left = "";
    for (int i = 0; i < 120; i++) {
      left = kubectl.ok("get", "pods", "-n", SPARK_APPS, "-l", app.podSelector(), "-o", "name").strip();
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(1000);
    }
    assertThat(left).as("pods of the deleted SparkApplication, garbage-collected").isEmpty();
    // v2.4.0's controller puts no finalizer on the application, so nothing but the garbage collector deletes them:
    // the last delete of the driver pod that succeeded (the earlier ones: our kill, then the controller's retry)
    List<String> deletes = java.nio.file.Files.readAllLines(controlPlane.auditLog()).stream()
        .filter(l -> l.contains("\"verb\":\"delete\"") && l.contains("/pods/" + app.driverPod() + "\"")
            && l.contains("\"code\":200}")).toList();
    assertThat(deletes).as("the driver pod's deletes in the API server's audit log").isNotEmpty();
    assertThat(deletes.get(deletes.size() - 1)).contains("/generic-garbage-collector\"");
    System.err.printf("NodeIT: the driver and executor pods were garbage-collected %.1f s after the delete%n",
        (System.nanoTime() - d0) / 1e9);
  }

  /** A spec the spark-operator refuses (its validating webhook): {@code kubectl apply} fails with its reason. */
  @Test
  @Order(5)
  void aSparkApplicationTheSparkOperatorRefusesIsNotStored() throws Exception {
    startSparkOperator();
    SparkApplicationManifest app = new SparkApplicationManifest(SPARK_APPS, "userflow-refused", node.image("spark"),
        SparkCountApp.CLASS, sparkAppJar, 1, "{type: Never}", SparkApplicationManifest.Volume.SPEC_VOLUMES);
    String twoNodeSelectors = app.yaml().replace("\n  driver:\n", "\n  nodeSelector: {kubernetes.io/os: linux}\n"
        + "  driver:\n    nodeSelector: {kubernetes.io/os: linux}\n");
    Kubectl.Result refused = kubectl.apply(twoNodeSelectors);
    assertThat(refused.ok()).as("kubectl apply of %s", twoNodeSelectors).isFalse();
    assertThat(refused.err()).contains("denied the request")
        .contains("node selector cannot be defined at both SparkApplication and Driver/Executor");
    assertThat(kubectl.run("get", "sparkapplication", app.name(), "-n", SPARK_APPS).ok()).isFalse();
  }

  /**
   * Our own jobs as SparkApplications through the spark-operator: a seed application writes Bronze rows (the jobs'
   * tests' FakeBronze, as the Bronze stage would) into an Iceberg JDBC catalog on SQLite whose file and warehouse are
   * a hostPath folder shared with the host, then {@code SilverJob} and {@code GoldJob} run on it, each with a driver
   * and an executor pod, to COMPLETED; the host then reads the tables' row counts from the catalog and the metadata
   * the pods wrote. The jobs' jars reach the pods on a read-only hostPath volume ({@link SparkJobs}).
   */
  @Test
  @Order(6)
  void silverAndGoldJobsRunAsSparkApplicationsOnACatalogSharedWithTheHost() throws Exception {
    long t0 = System.nanoTime();
    startSparkOperator();
    Path dir = node.dir().resolve("spark-jobs");
    Path lib = jobsLib();
    Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
    // the pods' uid 185 writes the catalog and the warehouse
    java.nio.file.Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    int events = 200;
    int users = 5;
    List<String> catalog = List.of("--local-dir", data.toString());
    record Step(String name, String mainClass, String jar, List<String> arguments) {}
    String jobsJar = SparkJobs.jobsJar(lib);
    for (Step step : List.of(
        new Step("userflow-seed", SparkJobs.SEED_CLASS, "seed.jar", List.of(data.toString(), "" + events, "" + users)),
        new Step("userflow-silver", io.userflow.core.contract.JobMains.SILVER, jobsJar, catalog),
        new Step("userflow-gold", io.userflow.core.contract.JobMains.GOLD, jobsJar, catalog))) {
      long s0 = System.nanoTime();
      JobApplication app = new JobApplication(SPARK_APPS, step.name(), node.image("spark"), step.mainClass(),
          step.jar(), step.arguments(), lib, data, 1, JobApplication.NEVER);
      assertThat(kubectl.apply(app.yaml()).ok()).as(app.yaml()).isTrue();
      String state = apps.awaitFinalState(SPARK_APPS, app.name(), java.time.Duration.ofMinutes(8));
      String driverLog = kubectl.run("logs", app.driverPod(), "-n", SPARK_APPS).out();
      java.nio.file.Files.writeString(dir.resolve(app.name() + "-driver.log"), driverLog);
      String why = apps.why(SPARK_APPS, app.name(), driverLog);
      System.err.printf("NodeIT: %s ended %s in %.1f s; its last line: %s%n", app.name(), state,
          (System.nanoTime() - s0) / 1e9, driverLog.lines().filter(l -> l.startsWith("{") || l.startsWith("userflow-"))
              .reduce((a, b) -> b).orElse(""));
      assertThat(state).as(why).isEqualTo("COMPLETED");
      assertThat(kubectl.run("wait", "pod/" + app.driverPod(), "-n", SPARK_APPS,
          "--for=jsonpath={.status.phase}=Succeeded", "--timeout=60s").ok()).as(why).isTrue();
      assertThat(kubectl.ok("get", "pods", "-n", SPARK_APPS, "-l", app.podSelector() + ",spark-role=executor", "-o",
          "name").lines().toList()).as(why).hasSizeGreaterThanOrEqualTo(1);
      kubectl.ok("delete", "sparkapplication", app.name(), "-n", SPARK_APPS, "--wait=true", "--timeout=60s");
    }
    io.userflow.core.layout.TableLayout layout = io.userflow.core.layout.TableLayout.defaults();
    assertThat(SparkJobs.rows(data, layout.bronze())).isEqualTo(events);
    assertThat(SparkJobs.rows(data, layout.silver())).isEqualTo(events);
    assertThat(SparkJobs.rows(data, layout.goldDaily())).as("one row per user and day").isEqualTo(users);
    long rolling = SparkJobs.rows(data, layout.goldRolling());
    assertThat(rolling).as("one row per user for each of the 7 days whose window holds the events' day")
        .isEqualTo(7L * users);
    System.err.printf("NodeIT: seed, Silver and Gold as SparkApplications in %.1f s (with the jars' copy); the host "
        + "reads bronze %d, silver %d, gold daily %d, gold rolling %d rows%n", (System.nanoTime() - t0) / 1e9,
        SparkJobs.rows(data, layout.bronze()), SparkJobs.rows(data, layout.silver()),
        SparkJobs.rows(data, layout.goldDaily()), rolling);
  }

  /**
   * Bronze streaming from a real Kafka broker in a driver pod with an executor pod, as a SparkApplication under
   * {@code restartPolicy: Always}, exactly once across a killed driver ({@link BronzeStreamStep}).
   */
  @Test
  @Order(7)
  void bronzeStreamsFromKafkaInPodsExactlyOnceAcrossAKilledDriver() throws Exception {
    startSparkOperator();
    new BronzeStreamStep(kubectl, node, apps, SPARK_APPS, jobsLib()).run();
  }

  /**
   * A main class that fails (a non-zero exit after an {@code error:} line) under {@code restartPolicy: OnFailure}
   * with one retry: the controller submits it twice, then the application ends FAILED, and the driver's log shows
   * the error line. Its jar reaches the driver by {@code spec.volumes}, which only the webhook mounts.
   */
  @Test
  @Order(8)
  void aFailingSparkApplicationIsRetriedOnceThenEndsFailedWithItsErrorInTheDriverLog() throws Exception {
    long t0 = System.nanoTime();
    startSparkOperator();
    SparkApplicationManifest app = new SparkApplicationManifest(SPARK_APPS, "userflow-fail", node.image("spark"),
        SparkCountApp.FAILING_CLASS, sparkAppJar, 1,
        "{type: OnFailure, onFailureRetries: 1, onFailureRetryInterval: 1, onSubmissionFailureRetries: 0}",
        SparkApplicationManifest.Volume.SPEC_VOLUMES);
    assertThat(kubectl.apply(app.yaml()).ok()).isTrue();
    String state = apps.awaitFinalState(app.namespace(), app.name(), java.time.Duration.ofMinutes(6));
    String driverLog = kubectl.run("logs", app.driverPod(), "-n", SPARK_APPS).out();
    String why = apps.why(app.namespace(), app.name(), driverLog);
    System.err.printf("NodeIT: userflow-fail ended %s after %s attempts in %.1f s%n", state, kubectl.ok("get",
        "sparkapplication", app.name(), "-n", SPARK_APPS, "-o", "jsonpath={.status.executionAttempts}"),
        (System.nanoTime() - t0) / 1e9);
    assertThat(state).as(why).isEqualTo("FAILED");
    assertThat(kubectl.ok("get", "sparkapplication", app.name(), "-n", SPARK_APPS, "-o",
        "jsonpath={.status.executionAttempts}")).as(why).isEqualTo("2");
    assertThat(driverLog.lines()).as(why).contains(SparkCountApp.FAILING_OUTPUT);
    kubectl.ok("delete", "namespace", SPARK_APPS, "--wait=false");
    SparkOperatorChart.uninstallWebhooks(kubectl);
  }

  private static final String SPARK_APPS = "spark-apps";
  private static SparkOperator sparkOperator;
  private static SparkApplications apps;
  private static Path sparkAppJar;
  private static Path jobsLib;

  /** The jobs' jars for the pods ({@link SparkJobs#lib}), copied once for the steps that run our jobs. */
  private static Path jobsLib() throws java.io.IOException {
    if (jobsLib == null) {
      jobsLib = SparkJobs.lib(node.sparkHome(), node.dir().resolve("spark-jobs"));
    }
    return jobsLib;
  }

  /** The spark-operator as its chart installs it, for {@link #SPARK_APPS}, and the jar of the applications; once. */
  private static void startSparkOperator() throws java.io.IOException, InterruptedException {
    if (sparkOperator == null) {
      sparkAppJar = SparkCountApp.jar(node.sparkHome(), node.dir().resolve("spark-operator-app"));
      sparkOperator = SparkOperatorChart.install(controlPlane, node, SPARK_APPS);
      apps = new SparkApplications(kubectl, sparkOperator.log());
    }
  }

  @Test
  @Order(9)
  void closingTheNodeLeavesNothingOnTheHost() {
    // what kube-proxy or an ipMasq bridge would add: a chain of ours and a quoted-comment jump into it
    NodeHost.run("iptables", "-t", "nat", "-N", "KUBE-USERFLOW-CHECK");
    NodeHost.run("iptables", "-t", "nat", "-A", "OUTPUT", "-m", "comment", "--comment", "userflow node check",
        "-j", "KUBE-USERFLOW-CHECK");
    assertThat(node.hostLeftovers()).contains("iptables chain iptables/nat/KUBE-USERFLOW-CHECK");

    if (sparkOperator != null) {
      sparkOperator.close();
      assertThat(sparkOperator.submissionFilesLeft()).as("the controller's pod templates, removed").isEmpty();
    }
    node.close();
    assertThat(node.hostLeftovers()).isEmpty();
    assertThat(NodeHost.run("iptables-save", "-t", "nat")).doesNotContain("USERFLOW");
  }
}
