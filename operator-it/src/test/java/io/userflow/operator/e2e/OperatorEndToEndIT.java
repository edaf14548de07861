package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.controlplane.Kubectl;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.testing.objectstore.LocalObjectStore;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultKind;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.status.TrainingSetPhase;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.spec.TablesSpec;
import io.userflow.operator.api.status.Condition;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.api.status.RecoveryUnitKind;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator end to end with the real pieces: a real kube-apiserver, kube-controller-manager and etcd
 * ({@link ControlPlane}) with the chart installed by Helm ({@link RealCluster}); the packaged operator as its own
 * process with a token of the chart's ServiceAccount ({@link OperatorProcess}), so the chart's RBAC is what the
 * server enforces; the examples applied and followed with the real kubectl (get, describe, wait, annotate);
 * {@link FakeSparkOperator} runs each SparkApplication's main class in its own JVM (there is no kubelet) on a real
 * Kafka broker and an SQLite Iceberg catalog, with the warehouse and the streaming checkpoint on a real S3 API
 * ({@link LocalObjectStore}, as S3Proxy is on kind): the jobs reach it through the s3a settings and Secret-backed keys the
 * operator puts into each SparkApplication, the operator and this test read the tables' metadata and rows through
 * Iceberg's S3FileIO. The steps build on each other, in order. kubectl's output goes to target/e2e-report/.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorEndToEndIT {
  static final String TOPIC = LocalStack.TOPIC;
  static final String BUCKET = LocalStack.BUCKET;
  static final String S3_SECRET = LocalStack.S3_SECRET;
  /** The reject share the simulated feed is built to stay under (it carries about 8% broken records). */
  static final double LENIENT_GATE = 0.5;
  /** A gate no real feed passes: Silver must fail it and publish nothing. */
  static final double STRICT_GATE = 0.001;
  static final String RESTRICTED = "pod-security.kubernetes.io/enforce=restricted";

  static ControlPlane controlPlane;
  static Kubectl kubectl;
  static KubernetesClient client;
  static Path work;
  static Path report;
  static LocalStack stack;
  static LocalBroker broker;
  static LocalObjectStore objectStore;
  static OperatorProcess operator;
  static FakeSparkOperator sparkOperator;
  static Warehouse warehouse;
  static FeaturePipeline pipeline;
  static String namespace;
  static TablesSpec tables;
  static Simulation simulation;
  static ClusterView cluster;

  @BeforeAll
  static void start(ControlPlane cp) throws IOException {
    controlPlane = cp;
    RealCluster.installOnce(cp);
    kubectl = cp.kubectl();
    // the Pod Security Standard the Spark and Airflow pods are built for; the API server refuses other pods here
    kubectl.ok("label", "namespace", RealCluster.NAMESPACE, RESTRICTED, "--overwrite");
    client = RealCluster.adminClient(cp);
    Progress.say("starting a Kafka broker, the operator and the spark-operator stand-in");
    work = clean(BuildOutputs.target().resolve("e2e-work"));
    report = clean(BuildOutputs.target().resolve("e2e-report"));
    pipeline = BuildOutputs.example("featurepipeline.yaml", FeaturePipeline.class);
    namespace = pipeline.getMetadata().getNamespace();
    tables = pipeline.getSpec().tables;
    assertThat(namespace).isEqualTo(RealCluster.NAMESPACE);
    cluster = new ClusterView(client, kubectl, namespace, pipeline.getMetadata().getName(), report);
    stack = LocalStack.start(cp, client, namespace, work,
        Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "3s", "USERFLOW_OPERATOR_QUEUE_RECHECK", "1s"));
    broker = stack.broker;
    objectStore = stack.objectStore;
    operator = stack.operator;
    sparkOperator = stack.sparkOperator;
    Progress.say("broker on %s, operator and stand-in running; work dir %s",
        broker.bootstrapServers(), work);
  }

  @AfterAll
  static void stop() throws IOException {
    Closing.closeAll(stack, warehouse, client);
    Progress.say("done; driver logs in %s, report in %s", work.resolve("drivers"), report);
  }

  @Test
  @Order(1)
  void aFeaturePipelineStartsTheStreamingBronzeJob() throws IOException {
    // the example, pointed at this machine: the test's broker, an SQLite catalog, the local S3 endpoint
    pipeline = stack.examplePipeline();
    assertThat(pipeline.getSpec().catalog.warehouse).startsWith("s3a://" + BUCKET + "/");
    assertThat(pipeline.getSpec().streaming.checkpointLocation).startsWith("s3a://" + BUCKET + "/");
    pipeline.getSpec().streaming.triggerInterval = "2s";
    pipeline.getSpec().batch.rejectRatioThreshold = LENIENT_GATE;
    Kubectl.Result applied = kubectl.apply(Serialization.asYaml(pipeline));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("featurepipeline.userflow.io/clicks created");
    String bronzeApp = pipeline.getMetadata().getName() + "-bronze";

    FeaturePipelineStatus s = cluster.awaitPipeline(st -> st.phase == PipelinePhase.Running, Duration.ofSeconds(60));
    assertThat(Conditions.isTrue(s.conditions, Conditions.READY)).isTrue();
    assertThat(Conditions.isTrue(s.conditions, Conditions.STREAMING_RUNNING)).isTrue();
    assertThat(s.streaming.application).isEqualTo(bronzeApp);
    assertThat(s.observedGeneration).isEqualTo(1);
    SparkApplication app = cluster.application(bronzeApp);
    assertThat(app.getSpec().mainClass).isEqualTo("io.userflow.jobs.bronze.BronzeJob");
    assertThat(app.getSpec().arguments).containsSequence("--bootstrap-servers", broker.saslSslBootstrapServers())
        .containsSequence("--security-protocol", "SASL_SSL").containsSequence("--sasl-mechanism", "SCRAM-SHA-512");
    assertThat(app.getSpec().sparkConf).containsEntry("spark.kubernetes.executor.secretKeyRef.USERFLOW_KAFKA_PASSWORD",
        LocalStack.KAFKA_SECRET + ":password").containsEntry("spark.kubernetes.driver.secretKeyRef.USERFLOW_KAFKA_CA",
        LocalStack.KAFKA_CA_SECRET + ":ca.crt");
    assertThat(app.getSpec().sparkConf).containsEntry("spark.hadoop.fs.s3a.endpoint", objectStore.endpoint());
    assertThat(app.getStatus().executionAttempts).isEqualTo(1);
    assertThat(sparkOperator.isRunning(bronzeApp)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.reasons(FeaturePipeline.class, pipeline.getMetadata()
        .getName()).containsAll(List.of("StreamingSubmitted", "StreamingRunning")));
    ApiServerChecks.assertWrittenAsMeant(cluster, SparkApplicationFactory.streaming(storedPipeline()));
    warehouse = new Warehouse(new CatalogSettings(pipeline.getSpec().catalog.name, pipeline.getSpec().catalog.uri,
        pipeline.getSpec().catalog.warehouse, null, null, objectStore.storage()), tables.namespace);
  }

  @Test
  @Order(2)
  void simulatedEventsWithFaultsReachBronze() {
    FaultRates faults = FaultRates.defaults().toBuilder().duplicate(0.05).late(0.04).malformed(0.01)
        .wrongType(0.01).build();
    simulation = EventSimulator.generate(SimulationOptions.defaults().withSeed(11).withUsers(25).withFaults(faults));
    try (KafkaEventSender sender = new KafkaEventSender(broker.bootstrapServers())) {
      sender.send(TOPIC, simulation.records());
    }
    Progress.say("sent %d simulated records (%d to be rejected, %d duplicates)", simulation.size(),
        simulation.faults().rejected(), simulation.faults().get(FaultKind.DUPLICATE));
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> warehouse.totalRecords(tables.bronze) == simulation.size());
    long bronzeSnapshot = warehouse.history(tables.bronze).currentSnapshotId();
    Progress.say("Bronze has all %d records at snapshot %d", simulation.size(), bronzeSnapshot);
    // tables and checkpoint went through the S3 API: they are objects in the bucket, not files in the work dir
    List<String> keys = objectStore.keys(BUCKET, "");
    assertThat(keys).as("Bronze data files and table metadata in the bucket")
        .anyMatch(k -> k.contains("/" + tables.bronze + "/data/") && k.endsWith(".parquet"))
        .anyMatch(k -> k.contains("/" + tables.bronze + "/metadata/") && k.endsWith(".metadata.json"));
    String checkpoint = pipeline.getSpec().streaming.checkpointLocation.substring(("s3a://" + BUCKET + "/").length());
    assertThat(keys).as("streaming checkpoint in the bucket").anyMatch(k -> k.startsWith(checkpoint + "/offsets/"))
        .anyMatch(k -> k.startsWith(checkpoint + "/commits/"));
    assertThat(work.resolve("warehouse")).doesNotExist();
    // the operator reads the same table metadata into the pipeline's status
    FeaturePipelineStatus s = cluster.awaitPipeline(st -> st.layers != null && st.layers.bronze != null
        && Long.valueOf(bronzeSnapshot).equals(st.layers.bronze.currentSnapshotId), Duration.ofSeconds(30));
    assertThat(s.streaming.lastCommittedBronzeSnapshotId).isEqualTo(bronzeSnapshot);
    assertThat(s.silverLagSnapshots).isPositive();
    String get = cluster.kubectl("get", "fp");
    Progress.say("kubectl get fp:%n%s", get);
    assertThat(get.lines().findFirst().orElseThrow().split("\\s{2,}"))
        .containsExactly("NAME", "PHASE", "STREAMING", "BRONZE SNAPSHOT", "LAG", "AGE");
    assertThat(get.lines().skip(1).findFirst().orElseThrow().split("\\s+")).startsWith("clicks", "Running",
        "RUNNING", Long.toString(bronzeSnapshot), Integer.toString(s.silverLagSnapshots));
  }

  @Test
  @Order(3)
  void anAutomaticReprocessRunsSilverThenGold() throws IOException, InterruptedException {
    long bronzeSnapshot = warehouse.history(tables.bronze).currentSnapshotId();
    Reprocess rp = BuildOutputs.example("reprocess-incremental.yaml", Reprocess.class);
    String name = rp.getMetadata().getName();
    kubectl.ok("apply", "-f", BuildOutputs.repoRoot().resolve("examples/reprocess-incremental.yaml").toString());

    // the operator dies while Silver runs and comes back: it resumes from the status and the applications it owns
    cluster.awaitReprocess(name, st -> st.phase == ReprocessPhase.RunningSilver, Duration.ofSeconds(60));
    operator.kill();
    Progress.say("operator killed while %s runs: driver alive %s", cluster.stageApplications(name),
        cluster.stageApplications(name).stream().map(sparkOperator::isRunning).toList());
    operator.start();

    Kubectl.Result waited = cluster.waitFor(name, "Succeeded", Duration.ofSeconds(300));
    assertThat(waited.exitCode()).as(waited.err()).isZero();
    assertThat(waited.out()).contains("reprocess.userflow.io/" + name + " condition met");
    assertThat(cluster.kubectl("get", "lease", "userflow-operator", "-o", "jsonpath={.spec.holderIdentity}"))
        .as("the restarted operator leads through the chart's leader-election Lease").isEqualTo(operator.identity());
    ReprocessStatus s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    String describe = cluster.writeReport("succeeded", name);
    assertThat(s.phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(s.observedGeneration).isEqualTo(1);
    assertThat(s.mode).isEqualTo(PlanMode.FULL);
    assertThat(s.sourceSnapshots).isEqualTo(".." + bronzeSnapshot);
    assertThat(s.silver.plan.reason).isEqualTo(PlanReason.NO_PREVIOUS_RUN);
    assertThat(s.silver.plan.sourceTable).isEqualTo(tables.namespace + "." + tables.bronze);
    assertThat(s.silver.plan.toSnapshotId).isEqualTo(bronzeSnapshot);
    assertThat(s.silver.plan.estimatedRecords).isEqualTo(simulation.size());
    long silverSnapshot = warehouse.history(tables.silver).currentSnapshotId();
    assertThat(s.gold.plan.mode).isEqualTo(PlanMode.FULL);
    assertThat(s.gold.plan.sourceTable).isEqualTo(tables.namespace + "." + tables.silver);
    assertThat(s.gold.plan.toSnapshotId).isEqualTo(silverSnapshot);
    for (var run : List.of(s.silver, s.gold)) {
      assertThat(run.state).isEqualTo(AppState.COMPLETED);
      assertThat(run.attempt).isEqualTo(1);
      assertThat(run.failedAttempts).isZero();
    }
    assertConditions(s, Map.of(Conditions.SUCCEEDED, "True/Succeeded", Conditions.FAILED, "False/Succeeded",
        Conditions.PROGRESSING, "False/Succeeded", Conditions.PLANNED, "True/NoPreviousRun",
        Conditions.APPROVED, "True/NotRequired"));
    assertThat(cluster.reasons(Reprocess.class, name)).containsExactly("Planned", "StageSubmitted", "StageCompleted",
        "StageSubmitted", "StageCompleted", "Succeeded");
    assertThat(cluster.stageApplications(name)).as("no second application after the restart")
        .containsExactlyInAnyOrder(s.silver.application, s.gold.application);
    FeaturePipeline fp = storedPipeline();
    Reprocess stored = client.resources(Reprocess.class).inNamespace(namespace).withName(name).get();
    ApiServerChecks.assertWrittenAsMeant(cluster, SparkApplicationFactory.batch(stored, fp, Stage.Silver, s.silver));
    ApiServerChecks.assertWrittenAsMeant(cluster, SparkApplicationFactory.batch(stored, fp, Stage.Gold, s.gold));
    assertThat(describe).contains("Name:         " + name, "Phase:", "Succeeded", "NO_PREVIOUS_RUN",
        "Source Table:", tables.namespace + "." + tables.bronze, "Normal  Planned", "Normal  StageCompleted",
        "Normal  Succeeded");
    String rpGet = cluster.kubectl("get", "rp", name);
    Progress.say("kubectl get rp:%n%s", rpGet);
    assertThat(rpGet.lines().skip(1).findFirst().orElseThrow()).startsWith(name).contains("Succeeded", "FULL",
        ".." + bronzeSnapshot);
    assertThat(cluster.kubectl("get", "userflow")).contains("featurepipeline.userflow.io/clicks",
        "reprocess.userflow.io/" + name);

    // what the jobs wrote, read back without Spark
    assertThat(warehouse.rows(tables.silver)).isEqualTo(simulation.faults().acceptedEvents());
    assertThat(warehouse.rows(tables.rejects)).isEqualTo(simulation.faults().rejected());
    long userDays = warehouse.distinct(tables.silver, "user_id", "event_date").size();
    assertThat(warehouse.rows(tables.goldDaily)).isEqualTo(userDays);
    assertThat(warehouse.rows(tables.goldRolling)).isGreaterThanOrEqualTo(userDays);
    assertThat(warehouse.lineage(tables.silver).lastProcessedSourceSnapshotId()).isEqualTo(bronzeSnapshot);
    assertThat(warehouse.lineage(tables.goldDaily).lastProcessedSourceSnapshotId()).isEqualTo(silverSnapshot);
    Progress.say("Silver %d rows, rejects %d, Gold daily %d rows, rolling %d rows", warehouse.rows(tables.silver),
        warehouse.rows(tables.rejects), warehouse.rows(tables.goldDaily), warehouse.rows(tables.goldRolling));

    // the jobs stamped the tables with the pipeline the operator named in spark.userflow.owner
    for (String table : List.of(tables.bronze, tables.silver, tables.rejects, tables.goldDaily, tables.goldRolling)) {
      assertThat(warehouse.properties(table)).as(table)
          .containsEntry(io.userflow.core.contract.TableOwner.NAME_PROPERTY, fp.getMetadata().getName())
          .containsEntry(io.userflow.core.contract.TableOwner.UID_PROPERTY, fp.getMetadata().getUid());
    }

    // the pipeline's status follows the tables: nothing left to process
    FeaturePipelineStatus p = cluster.awaitPipeline(st -> Integer.valueOf(0).equals(st.silverLagSnapshots)
        && Integer.valueOf(0).equals(st.goldLagSnapshots), Duration.ofSeconds(20));
    assertThat(p.layers.silver.lastSourceSnapshotId).isEqualTo(bronzeSnapshot);
    assertThat(p.layers.goldDaily.lastSourceSnapshotId).isEqualTo(silverSnapshot);
  }

  @Test
  @Order(4)
  void aFailedSilverRunNamesItsRecoveryUnitAndResumesFromTheFailedStage() throws IOException {
    long silverBefore = warehouse.history(tables.silver).currentSnapshotId();
    cluster.editPipeline(fp -> fp.getSpec().batch.rejectRatioThreshold = STRICT_GATE);
    Reprocess rp = BuildOutputs.example("reprocess-backfill.yaml", Reprocess.class);
    String name = rp.getMetadata().getName();
    kubectl.ok("apply", "-f", BuildOutputs.repoRoot().resolve("examples/reprocess-backfill.yaml").toString());

    ReprocessStatus s = cluster.awaitReprocess(name, st -> st.phase == ReprocessPhase.AwaitingApproval,
        Duration.ofSeconds(30));
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.FULL);
    assertThat(s.silver.plan.reason).isEqualTo(PlanReason.DATE_RANGE_REQUESTED);
    assertThat(s.silver.plan.partitions.silverDates).isEqualTo("2026-11-01..2026-11-03");
    assertThat(cluster.stageApplications(name)).isEmpty();
    assertThat(s.planHash).as("the approval names the plan shown").isNotBlank();
    // approval is a resource of its own (RBAC grants it apart from editing Reprocesses), naming the plan shown
    Kubectl.Result approved = kubectl.apply("""
        apiVersion: userflow.io/v1alpha1
        kind: ReprocessApproval
        metadata: {name: %s-approval, namespace: %s}
        spec: {reprocessRef: %s, planHash: "%s"}
        """.formatted(name, namespace, name, s.planHash));
    assertThat(approved.exitCode()).as(approved.err()).isZero();

    Kubectl.Result failed = cluster.waitFor(name, "Failed", Duration.ofSeconds(300));
    assertThat(failed.exitCode()).as(failed.err()).isZero();
    s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    String describe = cluster.writeReport("failed", name);
    assertThat(describe).contains("GateFailed", "Recovery Unit:", "SessionPartitions", "2026-11-01..2026-11-03",
        "Next Step:", "kubectl annotate reprocess " + name + " userflow.io/retry=", "DATE_RANGE_REQUESTED",
        "Warning  GateFailed");
    assertThat(s.phase).isEqualTo(ReprocessPhase.Failed);
    assertThat(s.observedGeneration).isEqualTo(1);
    assertThat(s.failure.stage).isEqualTo(Stage.Silver);
    assertThat(s.failure.reason).as("a failed quality gate is told apart from a crash").isEqualTo("GateFailed");
    assertThat(s.failure.message).as("the verdict the job recorded on its audit branch")
        .contains("quality gate", "not retried", "REJECT_RATIO");
    assertThat(s.failure.recoveryUnit.kind).isEqualTo(RecoveryUnitKind.SessionPartitions);
    assertThat(s.failure.recoveryUnit.sessionDates).isEqualTo("2026-11-01..2026-11-03");
    assertThat(s.failure.nextStep).contains("kubectl annotate reprocess " + name + " userflow.io/retry=")
        .contains("rejectRatioThreshold", "audit_" + s.silver.application.replace('-', '_'));
    assertThat(s.silver.attempt).as("a deterministic gate failure is not retried").isEqualTo(1);
    assertThat(s.silver.failedAttempts).isEqualTo(1);
    assertThat(s.silver.state).isEqualTo(AppState.FAILED);
    assertThat(s.gold == null || s.gold.application == null).as("Gold never started").isTrue();
    assertConditions(s, Map.of(Conditions.SUCCEEDED, "False/Failed", Conditions.FAILED, "True/GateFailed",
        Conditions.PROGRESSING, "False/Failed", Conditions.PLANNED, "True/DateRangeRequested",
        Conditions.APPROVED, "True/Approved"));
    assertThat(cluster.reasons(Reprocess.class, name)).containsExactly("Planned", "AwaitingApproval", "Approved",
        "StageSubmitted", "GateFailed");
    assertThat(cluster.events(Reprocess.class, name)).filteredOn(e -> "Warning".equals(e.getType()))
        .extracting(Event::getReason).containsExactly("GateFailed");
    assertThat(warehouse.history(tables.silver).currentSnapshotId()).as("a failed gate publishes nothing")
        .isEqualTo(silverBefore);
    String failedApplication = s.silver.application;
    StagePlanSnapshot plan = StagePlanSnapshot.of(s);

    // the fix: a sane threshold, then ask for a retry the way the status says
    cluster.editPipeline(fp -> fp.getSpec().batch.rejectRatioThreshold = LENIENT_GATE);
    cluster.annotate(name, ApiGroup.RETRY_ANNOTATION, "1");
    Kubectl.Result resumed = cluster.waitFor(name, "Succeeded", Duration.ofSeconds(300));
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    s = cluster.awaitReprocess(name, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    cluster.writeReport("resumed", name);
    assertThat(s.phase).isEqualTo(ReprocessPhase.Succeeded);
    assertThat(s.failure).isNull();
    assertThat(s.silver.attempt).as("resumed at the failed stage with the next attempt").isEqualTo(2);
    assertThat(s.silver.application).isNotEqualTo(failedApplication);
    assertThat(StagePlanSnapshot.of(s)).as("the approved plan is kept, not recomputed").isEqualTo(plan);
    assertThat(s.gold.attempt).isEqualTo(1);
    assertThat(s.gold.state).isEqualTo(AppState.COMPLETED);
    assertThat(cluster.reasons(Reprocess.class, name)).containsExactly("Planned", "AwaitingApproval", "Approved",
        "StageSubmitted", "GateFailed", "Resumed", "StageSubmitted",
        "StageCompleted", "StageSubmitted", "StageCompleted", "Succeeded");
    assertThat(cluster.stageApplications(name)).hasSize(3);
    assertThat(warehouse.history(tables.silver).currentSnapshotId()).isNotEqualTo(silverBefore);
    assertThat(warehouse.rows(tables.silver)).as("the backfill rewrote the same events")
        .isEqualTo(simulation.faults().acceptedEvents());
    assertThat(warehouse.rows(tables.goldDaily))
        .isEqualTo(warehouse.distinct(tables.silver, "user_id", "event_date").size());
  }

  @Test
  @Order(5)
  void aTrainingSetRecordsItsSnapshotsAndItsJobWritesThePointInTimeRows() throws IOException {
    // labels on the bucket: a user on the day after its last active day, the same user before any activity, nobody
    List<List<Object>> days = warehouse.distinct(tables.goldDaily, "user_id", "feature_date", "event_count").stream()
        .sorted(Comparator.comparing((List<Object> r) -> r.get(1).toString())).toList();
    List<Object> last = days.get(days.size() - 1);
    String user = last.get(0).toString();
    java.time.LocalDate day = java.time.LocalDate.parse(last.get(1).toString());
    String labels = "s3a://" + BUCKET + "/labels/churn.csv";
    String output = "s3a://" + BUCKET + "/training/churn.csv";
    warehouse.write(labels, String.join("\n", "user_id,timestamp,churned",
        user + "," + day.plusDays(1) + "T02:30:00+02:00,1", user + ",2020-01-01T00:00:00Z,0",
        "nobody," + day.plusDays(1) + "T12:00:00Z,0") + "\n");
    long dailySnapshot = warehouse.history(tables.goldDaily).currentSnapshotId();
    long rollingSnapshot = warehouse.history(tables.goldRolling).currentSnapshotId();
    String yaml = Files.readString(BuildOutputs.repoRoot().resolve("examples/trainingset.yaml"))
        .replace("name: churn-2026-11", "name: churn").replace("namespace: userflow", "namespace: " + namespace)
        .replace("s3a://userflow/labels/churn-2026-11.csv", labels)
        .replace("s3a://userflow/training/churn-2026-11.parquet", output);
    Kubectl.Result applied = kubectl.apply(yaml);
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("trainingset.userflow.io/churn created");
    Kubectl.Result waited = kubectl.run("wait", "-n", namespace, "--for=condition=Succeeded", "tset/churn",
        "--timeout=300s");
    assertThat(waited.exitCode()).as(waited.err() + cluster.kubectl("get", "tset", "churn", "-o", "yaml"))
        .isZero();
    TrainingSet ts = client.resources(TrainingSet.class).inNamespace(namespace).withName("churn").get();
    assertThat(ts.getStatus().phase).isEqualTo(TrainingSetPhase.Succeeded);
    assertThat(ts.getStatus().mode).isEqualTo("event-time");
    assertThat(ts.getStatus().output).isEqualTo(output);
    assertThat(ts.getStatus().snapshots).containsExactly(Map.entry(tables.goldDaily, dailySnapshot),
        Map.entry(tables.goldRolling, rollingSnapshot));
    SparkApplication app = cluster.application(ts.getStatus().application);
    ApiServerChecks.assertWrittenAsMeant(cluster, SparkApplicationFactory.trainingSet(ts, storedPipeline(),
        ts.getStatus()));
    assertThat(app.getSpec().mainClass).isEqualTo("io.userflow.jobs.training.TrainingSetJob");
    assertThat(app.getSpec().arguments).containsSequence("--snapshot", tables.goldDaily + "=" + dailySnapshot
        + "," + tables.goldRolling + "=" + rollingSnapshot);
    String get = cluster.kubectl("get", "tset", "churn");
    Progress.say("kubectl get tset:%n%s", get);
    assertThat(get.lines().findFirst().orElseThrow().split("\\s{2,}"))
        .containsExactly("NAME", "PHASE", "MODE", "OUTPUT", "AGE");
    assertThat(get.lines().skip(1).findFirst().orElseThrow()).startsWith("churn").contains("Succeeded", "event-time",
        output);
    String describe = cluster.kubectl("describe", "tset", "churn");
    Files.writeString(report.resolve("churn-trainingset.describe.txt"), describe);
    assertThat(describe).contains("Normal  StageSubmitted", "Normal  Succeeded", tables.goldDaily + ":");

    // what the job wrote, read back through S3: input order, the label's day-before tile, nulls where none
    List<String> parts = objectStore.keys(BUCKET, "training/churn.csv/").stream().filter(k -> k.endsWith(".csv"))
        .toList();
    assertThat(parts).hasSize(1);
    List<String> rows = warehouse.read("s3a://" + BUCKET + "/" + parts.get(0)).lines().toList();
    assertThat(rows).hasSize(4);
    List<String> header = List.of(rows.get(0).split(","));
    assertThat(header).startsWith("user_id", "timestamp", "churned", tables.goldRolling + "__purchase_count");
    int eventCount = header.indexOf(tables.goldDaily + "__event_count");
    assertThat(rows.get(1).split(",", -1)[eventCount]).isEqualTo(last.get(2).toString());
    assertThat(rows.get(2).split(",", -1)[eventCount]).as("before any activity").isEmpty();
    assertThat(rows.get(3)).startsWith("nobody,");
    assertThat(rows.get(3).split(",", -1)[eventCount]).isEmpty();

    // a spec naming a table that is not a feature table fails naming the field; no application is created
    String bad = yaml.replace("name: churn", "name: churn-bad").replace("user_daily_features.*",
        tables.silver + ".event_type");
    assertThat(kubectl.apply(bad).exitCode()).isZero();
    Kubectl.Result failed = kubectl.run("wait", "-n", namespace, "--for=condition=Failed", "tset/churn-bad",
        "--timeout=60s");
    assertThat(failed.exitCode()).as(failed.err()).isZero();
    TrainingSet refused = client.resources(TrainingSet.class).inNamespace(namespace).withName("churn-bad").get();
    assertThat(refused.getStatus().failure).contains("spec.features[1] reads table " + tables.silver
        + ", which is not a feature table");
    assertThat(refused.getStatus().application).isNull();
    assertThat(cluster.application(io.userflow.operator.naming.ChildNames.trainingSet("churn-bad"))).isNull();
  }

  @Test
  @Order(6)
  void airflowsDagsApplyTheirReprocessAndTheOperatorRunsIt() throws IOException, InterruptedException {
    Path log = report.resolve("airflow-with-operator.log");
    Progress.say("bash airflow/dev/test-with-operator.sh (log %s)", log);
    int exit = ApiServerChecks.airflowWithOperator(controlPlane, namespace, pipeline.getMetadata().getName(), log);
    String out = Files.readString(log);
    Progress.say("Airflow: %s", out.lines().filter(l -> l.contains(" passed") || l.contains(" failed"))
        .reduce((a, b) -> b).orElse("(no pytest summary)"));
    assertThat(exit).as("airflow/dev/test-with-operator.sh, see %s", log).isZero();
    assertThat(out).containsPattern("=+ 3 passed");
  }

  @Test
  @Order(7)
  void everyApplicationRanOnceAndSuspendingStopsTheStreamingJob() throws IOException {
    String bronzeApp = pipeline.getMetadata().getName() + "-bronze";
    Map<String, Integer> launches = sparkOperator.launches();
    Progress.say("driver launches: %s", launches);
    assertThat(launches.values()).as("no SparkApplication was run twice").containsOnly(1);
    // this pipeline's applications (another IT on the same API server may have left its own in the namespace)
    assertThat(launches).containsOnlyKeys(client.resources(SparkApplication.class).inNamespace(namespace)
        .withLabel(ApiGroup.PIPELINE_LABEL, pipeline.getMetadata().getName()).list()
        .getItems().stream().map(a -> a.getMetadata().getName()).toList());
    assertThat(launches).hasSize(1 + 2 + 3 + 1);
    assertThat(cluster.application(bronzeApp).getStatus().executionAttempts).as("never resubmitted").isEqualTo(1);

    cluster.editPipeline(fp -> fp.getSpec().suspend = true);
    FeaturePipelineStatus s = cluster.awaitPipeline(st -> st.phase == PipelinePhase.Suspended, Duration.ofSeconds(30));
    assertThat(s.observedGeneration).isEqualTo(client.resources(FeaturePipeline.class).inNamespace(namespace)
        .withName(pipeline.getMetadata().getName()).get().getMetadata().getGeneration());
    await().atMost(Duration.ofSeconds(40)).until(() -> cluster.application(bronzeApp) == null
        && !sparkOperator.isRunning(bronzeApp));
    assertThat(cluster.reasons(FeaturePipeline.class, pipeline.getMetadata().getName())).containsExactly(
        "StreamingSubmitted", "StreamingRunning", "StreamingSuspended");
    Files.writeString(report.resolve(pipeline.getMetadata().getName() + "-suspended.yaml"),
        cluster.kubectl("get", "fp", pipeline.getMetadata().getName(), "-o", "yaml"));

    cluster.editPipeline(fp -> fp.getSpec().suspend = false);
    cluster.awaitPipeline(st -> st.phase == PipelinePhase.Running, Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(30)).until(() -> sparkOperator.isRunning(bronzeApp));
    // running again says what it said the first time: the same Event, counted twice
    List<Event> events = cluster.events(FeaturePipeline.class, pipeline.getMetadata().getName());
    assertThat(events).extracting(Event::getReason).containsExactly(
        "StreamingSubmitted", "StreamingRunning", "StreamingSuspended", "StreamingResumed");
    assertThat(events.get(1).getCount()).isEqualTo(2);
    assertThat(Instant.parse(events.get(1).getLastTimestamp())).isAfter(Instant.parse(events.get(3)
        .getFirstTimestamp()).minusSeconds(1));
    assertThat(sparkOperator.launches()).containsEntry(bronzeApp, 2);
  }

  @Test
  @Order(8)
  void noSecretValueIsInTheOperatorLogEventsStatusesOrApplications() throws IOException {
    Map<String, String> places = SecretLeaks.collect(kubectl, namespace, work);
    assertThat(places.get("SparkApplications")).contains("kind: SparkApplication", LocalStack.KAFKA_SECRET);
    assertThat(places.keySet()).anyMatch(k -> k.startsWith("driver log")).anyMatch(k -> k.startsWith("operator log"));
    Progress.say("looked for %d Secret values in %s", LocalStack.secretValues().size(), places.keySet());
    assertThat(SecretLeaks.findings(places, LocalStack.secretValues())).as("Secret values where they must not be")
        .isEmpty();
  }

  @Test
  @Order(12)
  void aPipelineNamingAnUnlabelledSecretIsRefusedAndStartsNothing() throws IOException {
    String value = "value-of-a-secret-nobody-opted-in";
    client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("someone-elses-secret").withNamespace(namespace).endMetadata()
        .addToData("username", Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)))
        .addToData("password", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
        .build()).create();
    FeaturePipeline fp = stack.examplePipeline();
    fp.getMetadata().setName("clicks-unlabelled");
    fp.getSpec().catalog.uri = "jdbc:sqlite:" + work.resolve("catalog-unlabelled.db");
    fp.getSpec().source.credentials.secretName = "someone-elses-secret";
    assertThat(kubectl.apply(Serialization.asYaml(fp)).exitCode()).isZero();
    ClusterView view = new ClusterView(client, kubectl, namespace, "clicks-unlabelled", report);
    FeaturePipelineStatus s = view.awaitPipeline(st -> Conditions.find(st.conditions, Conditions.READY)
        .map(c -> "SecretNotAllowed".equals(c.reason)).orElse(false), Duration.ofSeconds(60));
    assertThat(Conditions.find(s.conditions, Conditions.READY).orElseThrow().message).contains(
        "someone-elses-secret (spec.source.credentials)", "not labelled userflow.io/credentials=true",
        "kubectl label secret -n " + namespace);
    await().atMost(Duration.ofSeconds(20)).until(() -> view.events(FeaturePipeline.class, "clicks-unlabelled")
        .stream().anyMatch(e -> "Warning".equals(e.getType()) && "SecretNotAllowed".equals(e.getReason())));
    assertThat(cluster.application("clicks-unlabelled-bronze")).as("nothing started with it").isNull();
    assertThat(sparkOperator.launches()).doesNotContainKey("clicks-unlabelled-bronze");
    String describe = cluster.kubectl("describe", "fp", "clicks-unlabelled");
    assertThat(describe).contains("SecretNotAllowed").doesNotContain(value);
    cluster.kubectl("delete", "featurepipeline", "clicks-unlabelled");
  }

  @Test
  @Order(13)
  void theSparkPodsAreAdmittedUnderTheRestrictedStandardAndANonCompliantPodIsNot() throws IOException {
    assertThat(kubectl.ok("get", "namespace", namespace, "-o", "jsonpath={.metadata.labels}")).contains(
        "\"pod-security.kubernetes.io/enforce\":\"restricted\"");
    SparkApplication bronze = SparkApplicationFactory.streaming(stack.examplePipeline());
    // the drivers' ServiceAccount, which the spark-operator's chart creates (admission looks it up)
    kubectl.run("create", "serviceaccount", bronze.getSpec().driver.serviceAccount, "-n", namespace);
    for (var pod : List.of(bronze.getSpec().driver, bronze.getSpec().executor)) {
      Kubectl.Result admitted = ApiServerChecks.createPodDryRun(kubectl, namespace, bronze, pod, true);
      assertThat(admitted.exitCode()).as("the factory's pod is admitted: %s", admitted.err()).isZero();
    }
    Kubectl.Result refused = ApiServerChecks.createPodDryRun(kubectl, namespace, bronze, bronze.getSpec().driver,
        false);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("violates PodSecurity \"restricted:latest\"", "allowPrivilegeEscalation",
        "runAsNonRoot", "seccompProfile");
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** The parts of a stage plan a resumed run must keep. */
  record StagePlanSnapshot(PlanMode mode, PlanReason reason, Long to, String dates) {
    static StagePlanSnapshot of(ReprocessStatus s) {
      return new StagePlanSnapshot(s.silver.plan.mode, s.silver.plan.reason, s.silver.plan.toSnapshotId,
          s.silver.plan.partitions.silverDates);
    }
  }

  @Test
  @Order(9)
  void theOperatorWasNeverDeniedACall() throws IOException {
    List<JsonNode> calls = ApiServerChecks.callsBy(controlPlane.auditLog(),
        ApiServerChecks.serviceAccountUser(namespace, RealCluster.OPERATOR_SERVICE_ACCOUNT));
    Progress.say("the operator made %d API calls", calls.size());
    assertThat(calls).as("the operator's requests are in the audit log").hasSizeGreaterThan(20);
    assertThat(calls).filteredOn(c -> c.path("responseStatus").path("code").asInt() == 403)
        .extracting(c -> c.path("verb").asText() + " " + c.path("objectRef").path("resource").asText())
        .as("403s the API server answered the chart's ServiceAccount").isEmpty();
    List<JsonNode> secretCalls = calls.stream()
        .filter(c -> "secrets".equals(c.path("objectRef").path("resource").asText())).toList();
    Progress.say("the operator's Secret calls: %s", secretCalls.stream().map(c -> c.path("verb").asText())
        .collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting())));
    assertThat(secretCalls).as("the Secret informer lists and watches").isNotEmpty();
    assertThat(secretCalls).allSatisfy(c -> {
      assertThat(c.path("verb").asText()).as("no GET of a Secret").isIn("list", "watch");
      assertThat(java.net.URLDecoder.decode(c.path("requestURI").asText(), StandardCharsets.UTF_8))
          .as("only opted-in Secrets").contains("labelSelector=" + ApiGroup.CREDENTIALS_SELECTOR);
    });
  }

  @Test
  @Order(10)
  void deletingAReprocessOrAPipelineGarbageCollectsItsApplications() {
    for (String rp : List.of("clicks-nightly", "clicks-backfill-2026-11")) {
      List<String> apps = cluster.stageApplications(rp);
      assertThat(apps).isNotEmpty();
      cluster.kubectl("delete", "reprocess", rp);
      for (String app : apps) {
        cluster.kubectl("wait", "--for=delete", "sparkapplication/" + app, "--timeout=60s");
      }
    }
    // a TrainingSet's application belongs to it, not to the pipeline
    String trainingApp = io.userflow.operator.naming.ChildNames.trainingSet("churn");
    assertThat(cluster.application(trainingApp)).isNotNull();
    cluster.kubectl("delete", "tset", "churn", "churn-bad");
    cluster.kubectl("wait", "--for=delete", "sparkapplication/" + trainingApp, "--timeout=60s");
    String bronzeApp = pipeline.getMetadata().getName() + "-bronze";
    assertThat(cluster.application(bronzeApp)).isNotNull();
    cluster.kubectl("delete", "featurepipeline", pipeline.getMetadata().getName());
    cluster.kubectl("wait", "--for=delete", "sparkapplication/" + bronzeApp, "--timeout=60s");
    await().atMost(Duration.ofSeconds(40)).until(() -> !sparkOperator.isRunning(bronzeApp));
    assertThat(client.resources(SparkApplication.class).inNamespace(namespace)
        .withLabel(ApiGroup.PIPELINE_LABEL, pipeline.getMetadata().getName()).list().getItems()).isEmpty();
  }

  @Test
  @Order(11)
  void aDeniedCallIsSurfacedNamingVerbAndResourceAndTheChartRestoresIt() throws IOException {
    String sa = ApiServerChecks.serviceAccountUser(namespace, RealCluster.OPERATOR_SERVICE_ACCOUNT);
    assertThat(kubectl.ok("auth", "can-i", "create", "sparkapplications.sparkoperator.k8s.io", "-n", namespace,
        "--as=" + sa).strip()).isEqualTo("yes");
    // drop one rule: the SparkApplication verbs lose "create"
    String role = ApiServerChecks.withoutVerb(kubectl.ok("get", "role", RealCluster.RELEASE, "-n", namespace, "-o",
        "json"), "sparkapplications", "create");
    assertThat(kubectl.run(List.of("replace", "-f", "-"), role).exitCode()).isZero();
    assertThat(kubectl.run("auth", "can-i", "create", "sparkapplications.sparkoperator.k8s.io", "-n", namespace,
        "--as=" + sa).out().strip()).isEqualTo("no");

    FeaturePipeline denied = stack.examplePipeline();
    denied.getMetadata().setName("clicks-denied");
    denied.getSpec().catalog.uri = "jdbc:sqlite:" + work.resolve("catalog-denied.db");
    assertThat(kubectl.apply(Serialization.asYaml(denied)).exitCode()).isZero();
    ClusterView view = new ClusterView(client, kubectl, namespace, "clicks-denied", report);
    FeaturePipelineStatus s = view.awaitPipeline(st -> Conditions.find(st.conditions, Conditions.DEGRADED)
        .map(c -> "Forbidden".equals(c.reason)).orElse(false), Duration.ofSeconds(60));
    Condition degraded = Conditions.find(s.conditions, Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.message).contains(sa, "cannot create resource \"sparkapplications\"",
        "in API group \"sparkoperator.k8s.io\"", "rbac-rules.yaml");
    assertThat(view.events(FeaturePipeline.class, "clicks-denied")).filteredOn(e -> "Warning".equals(e.getType()))
        .extracting(Event::getReason).contains("Forbidden");
    assertThat(cluster.kubectl("describe", "fp", "clicks-denied")).contains("Forbidden",
        "cannot create resource");
    cluster.kubectl("delete", "featurepipeline", "clicks-denied");

    // helm upgrade renders the rule again
    new Helm(RealCluster.chart()).upgrade().withName(RealCluster.RELEASE).withNamespace(namespace)
        .withKubeConfig(controlPlane.kubeconfig()).call();
    assertThat(kubectl.ok("auth", "can-i", "create", "sparkapplications.sparkoperator.k8s.io", "-n", namespace,
        "--as=" + sa).strip()).isEqualTo("yes");
  }

  private static FeaturePipeline storedPipeline() {
    return client.resources(FeaturePipeline.class).inNamespace(namespace).withName(pipeline.getMetadata().getName())
        .get();
  }

  private static void assertConditions(ReprocessStatus s, Map<String, String> expected) {
    expected.forEach((type, statusAndReason) -> {
      Condition c = Conditions.find(s.conditions, type).orElseThrow();
      assertThat(c.status + "/" + c.reason).as("condition %s: %s", type, c).isEqualTo(statusAndReason);
    });
    assertThat(s.conditions).allSatisfy(c -> assertThat(c.observedGeneration).isEqualTo(s.observedGeneration));
  }

  private static Path clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }
}
