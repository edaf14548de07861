package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.controlplane.Kubectl;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.spec.TablesSpec;
import io.userflow.core.planner.PlanMode;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.spark.AppState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's own SparkApplications on real pods ({@link PodStack}): a FeaturePipeline's Bronze streams from
 * Kafka in a driver pod with an executor pod of the jobs image built from {@code docker/spark-jobs.Dockerfile}; a
 * Reprocess runs Silver then Gold as driver and executor pods; a Silver run that fails its quality gate shows its
 * one-line error in {@code kubectl logs} of its driver and is retried after the fix; deleting the pipeline removes
 * its applications and their pods. The tables are read through the REST catalog by this test. Needs root and the
 * node's Debian packages; runs in the Maven profile real-pods ({@code USERFLOW_REAL_PODS=1}, set by .ci/run).
 */
@ExtendWith(ControlPlaneExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnNodeIT {
  static final String PIPELINE = "clicks";
  static final double LENIENT_GATE = 0.5;
  static final double STRICT_GATE = 0.001;

  static Kubectl kubectl;
  static KubernetesClient client;
  static PodStack stack;
  static ClusterView cluster;
  static Warehouse warehouse;
  static TablesSpec tables;
  static Path report;
  static long accepted;

  @BeforeAll
  static void start(ControlPlane cp) throws IOException, InterruptedException {
    kubectl = cp.kubectl();
    client = RealCluster.adminClient(cp);
    Path work = Files.createTempDirectory(BuildOutputs.target(), "pods-e2e-work-");
    report = Files.createDirectories(work.resolve("report"));
    stack = PodStack.start(cp, client, work,
        Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "3s", "USERFLOW_OPERATOR_QUEUE_RECHECK", "1s"));
    cluster = new ClusterView(client, kubectl, PodStack.NAMESPACE, PIPELINE, report);
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      Files.writeString(report.resolve("pods.txt"), stack.pods());
    }
    Closing.closeAll(warehouse, stack, client);
  }

  @Test
  @Order(1)
  void theOperatorRunsAsTheChartsDeploymentOnTheNode() {
    String pod = kubectl.ok("get", "pods", "-n", PodStack.NAMESPACE, "-l", "app.kubernetes.io/instance="
        + PodStack.RELEASE, "-o", "jsonpath={.items[*].metadata.name}");
    assertThat(pod).as("one operator pod").isNotBlank().doesNotContain(" ");
    String field = "jsonpath={.spec.nodeName} {.status.phase} {.status.containerStatuses[0].ready}"
        + " {.spec.containers[0].securityContext.readOnlyRootFilesystem} {.spec.securityContext.runAsNonRoot}"
        + " {.spec.containers[0].image}";
    assertThat(kubectl.ok("get", "pod", pod, "-n", PodStack.NAMESPACE, "-o", field)).as("node, phase, ready (its"
        + " probes pass), read-only root, non-root, image")
        .isEqualTo(stack.node.name() + " Running true true true " + stack.operatorImage);
    assertThat(stack.operatorLog()).contains("userflow");
  }

  @Test
  @Order(2)
  void bronzeStreamsInADriverPodWithAnExecutorPod() throws IOException {
    FeaturePipeline pipeline = stack.pipeline(PIPELINE);
    pipeline.getSpec().batch.rejectRatioThreshold = LENIENT_GATE;
    tables = pipeline.getSpec().tables;
    Kubectl.Result applied = kubectl.apply(Serialization.asYaml(pipeline));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    cluster.awaitPipeline(st -> st.phase == PipelinePhase.Running, Duration.ofSeconds(90));
    String bronzeApp = PIPELINE + "-bronze";
    awaitPods(bronzeApp, "driver", "Running", Duration.ofMinutes(4));
    warehouse = new Warehouse(stack.catalogSettings(pipeline.getSpec().catalog.name), tables.namespace);

    Simulation simulation = send(31);
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
        .until(() -> warehouse.totalRecords(tables.bronze) == simulation.size());
    Progress.say("Bronze has all %d records, written by pods:%n%s", simulation.size(), stack.pods());
    awaitPods(bronzeApp, "executor", "Running", Duration.ofSeconds(30));
    assertThat(stack.objectStore.keys(PodStack.BUCKET, "checkpoints/" + PIPELINE + "/bronze/commits/"))
        .as("the streaming checkpoint in the bucket").isNotEmpty();
  }

  @Test
  @Order(3)
  void aReprocessRunsSilverThenGoldAsDriverAndExecutorPods() throws IOException {
    String name = "nightly";
    applyReprocess(name, "[Silver, Gold]");
    Kubectl.Result waited = cluster.waitFor(name, "Succeeded", Duration.ofMinutes(8));
    ReprocessStatus s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    cluster.writeReport("succeeded", name);
    assertThat(waited.exitCode()).as("%s%n%s%n%s", waited.err(), waited.out(), stack.pods()).isZero();
    assertThat(s.phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(List.of(s.silver.state, s.gold.state)).containsOnly(AppState.COMPLETED);
    for (String app : List.of(s.silver.application, s.gold.application)) {
      awaitDriver(app, "Succeeded");
      // the executors' end state varies (COMPLETED, or FAILED when the driver's stop kills them first)
      assertThat(kubectl.ok("get", "sparkapplication", app, "-n", PodStack.NAMESPACE, "-o",
          "jsonpath={.status.executorState}")).as("%s had executor pods", app).contains("-exec-1");
    }
    assertThat(warehouse.rows(tables.silver)).isEqualTo(accepted);
    assertThat(warehouse.rows(tables.goldDaily))
        .isEqualTo(warehouse.distinct(tables.silver, "user_id", "event_date").size());
  }

  @Test
  @Order(4)
  void anIncrementalRunThatFailsItsGateShowsTheErrorInTheDriverLogAndARetryAfterTheFixSucceeds() throws IOException {
    String name = "strict";
    long silverBefore = warehouse.history(tables.silver).currentSnapshotId();
    long bronzeBefore = warehouse.totalRecords(tables.bronze);
    Simulation more = send(32);
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
        .until(() -> warehouse.totalRecords(tables.bronze) == bronzeBefore + more.size());
    cluster.editPipeline(fp -> fp.getSpec().batch.rejectRatioThreshold = STRICT_GATE);
    applyReprocess(name, "[Silver, Gold]");
    Kubectl.Result failed = cluster.waitFor(name, "Failed", Duration.ofMinutes(6));
    ReprocessStatus s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    cluster.writeReport("failed", name);
    assertThat(failed.exitCode()).as(failed.err()).isZero();
    assertThat(s.failure.reason).isEqualTo("GateFailed");
    assertThat(s.silver.plan.mode).as("only the new Bronze commits").isEqualTo(PlanMode.INCREMENTAL);
    assertThat(s.failure.nextStep).contains("kubectl annotate reprocess " + name + " userflow.io/retry=");
    String driverLog = kubectl.run("logs", s.silver.application + "-driver", "-n", PodStack.NAMESPACE).out();
    assertThat(driverLog.lines().filter(l -> l.startsWith("error:")).toList()).as(driverLog)
        .singleElement().asString().contains("quality gate");
    assertThat(warehouse.history(tables.silver).currentSnapshotId()).as("a failed gate publishes nothing")
        .isEqualTo(silverBefore);

    cluster.editPipeline(fp -> fp.getSpec().batch.rejectRatioThreshold = LENIENT_GATE);
    cluster.annotate(name, ApiGroup.RETRY_ANNOTATION, "1");
    Kubectl.Result resumed = cluster.waitFor(name, "Succeeded", Duration.ofMinutes(6));
    s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    cluster.writeReport("resumed", name);
    assertThat(resumed.exitCode()).as("%s%n%s", resumed.err(), stack.pods()).isZero();
    assertThat(s.silver.attempt).isEqualTo(2);
    assertThat(s.gold.state).isEqualTo(AppState.COMPLETED);
    awaitDriver(s.silver.application, "Succeeded");
    assertThat(warehouse.rows(tables.silver)).isEqualTo(accepted);
  }

  @Test
  @Order(5)
  void deletingThePipelineRemovesItsApplicationsAndTheirPods() {
    kubectl.ok("delete", "featurepipeline", PIPELINE, "-n", PodStack.NAMESPACE, "--wait=true", "--timeout=120s");
    kubectl.ok("delete", "reprocess", "--all", "-n", PodStack.NAMESPACE, "--wait=true", "--timeout=120s");
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
        kubectl.ok("get", "sparkapplications", "-n", PodStack.NAMESPACE, "-o", "name").isBlank()
            && kubectl.ok("get", "pods", "-l", "spark-role", "-n", PodStack.NAMESPACE, "-o", "name").isBlank());
    assertThat(kubectl.ok("get", "pods", "-n", PodStack.NAMESPACE, "-o", "name")).as("the operator's pod stays")
        .startsWith("pod/" + PodStack.RELEASE + "-");
  }

  /** Simulated events of 10 users over 2 days with duplicates and malformed records, sent to the topic. */
  private static Simulation send(long seed) {
    Simulation simulation = EventSimulator.generate(SimulationOptions.defaults().withSeed(seed).withUsers(10)
        .withDuration(Duration.ofDays(2)).withFaults(FaultRates.defaults().toBuilder().duplicate(0.05)
            .malformed(0.01).build()));
    try (KafkaEventSender sender = new KafkaEventSender(stack.broker.bootstrapServers())) {
      sender.send(PodStack.TOPIC, simulation.records());
    }
    accepted += simulation.faults().acceptedEvents();
    return simulation;
  }

  private static void applyReprocess(String name, String stages) {
    Kubectl.Result applied = kubectl.apply("""
        apiVersion: userflow.io/v1alpha1
        kind: Reprocess
        metadata: {name: %s, namespace: %s}
        spec: {pipelineRef: %s, stages: %s, mode: Auto, retryLimit: 0}
        """.formatted(name, PodStack.NAMESPACE, PIPELINE, stages));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
  }

  /** The driver pod's phase; the spark-operator reports an application's end from its container, a moment before. */
  private static void awaitDriver(String application, String phase) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(kubectl.ok("get", "pod", application + "-driver", "-n", PodStack.NAMESPACE, "-o",
            "jsonpath={.status.phase}")).as(application).isEqualTo(phase));
  }

  /** Waits until a pod of {@code application} with Spark's role {@code role} is in {@code phase}. */
  private static void awaitPods(String application, String role, String phase, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> kubectl.ok("get", "pods", "-n",
        PodStack.NAMESPACE, "-l", "spark-role=" + role + ",sparkoperator.k8s.io/app-name=" + application, "-o",
        "jsonpath={.items[*].status.phase}").contains(phase));
  }
}
