package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.controlplane.Kubectl;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.planner.PlanMode;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.spec.CatalogType;
import io.userflow.operator.api.spec.TablesSpec;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.secrets.SecretKeyRefs;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A FeaturePipeline on an Iceberg REST catalog, on the real API server: Iceberg's own REST server in its own JVM
 * ({@link LocalRestCatalog}, OAuth2 client credentials enforced), its client id and secret in an opted-in Secret the
 * pipeline names, the packaged operator and the spark-operator stand-in of {@link LocalStack}. Simulated events reach
 * Bronze through the REST catalog, one Reprocess runs Silver and Gold to Succeeded, and the operator's status is what
 * the REST tables' snapshots say (plans, lineage); no SparkApplication, status, Event or log holds the secret. Smaller
 * than {@link OperatorEndToEndIT}, which covers the rest of the operator on the JDBC catalog.
 */
@ExtendWith(ControlPlaneExtension.class)
class RestCatalogOnApiServerIT {
  static final String PIPELINE = "clicks-rest";
  static final String REPROCESS = "clicks-rest-nightly";
  /** The Secret examples/featurepipeline-rest.yaml names, and its key. */
  static final String REST_SECRET = "rest-catalog";

  static Kubectl kubectl;
  static KubernetesClient client;
  static Path work;
  static LocalRestCatalog restCatalog;
  static LocalStack stack;
  static ClusterView cluster;
  static Warehouse warehouse;

  @BeforeAll
  static void start(ControlPlane cp) throws IOException {
    RealCluster.installOnce(cp);
    kubectl = cp.kubectl();
    client = RealCluster.adminClient(cp);
    // a fresh folder each run: the REST server's catalog and the checkpoint start empty
    work = Files.createTempDirectory(BuildOutputs.target(), "rest-e2e-work-");
    restCatalog = LocalRestCatalog.start(work.resolve("rest-catalog"));
    stack = LocalStack.start(cp, client, RealCluster.NAMESPACE, work,
        Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "3s", "USERFLOW_OPERATOR_QUEUE_RECHECK", "1s"));
    LocalStack.optedIn(client, RealCluster.NAMESPACE, REST_SECRET,
        Map.of("credential", LocalRestCatalog.CLIENT_ID + ":" + LocalRestCatalog.CLIENT_SECRET));
    cluster = new ClusterView(client, kubectl, RealCluster.NAMESPACE, PIPELINE,
        Files.createDirectories(work.resolve("report")));
  }

  @AfterAll
  static void stop() {
    Closing.closeAll(stack, warehouse, restCatalog, client);
  }

  @Test
  void aPipelineOnARestCatalogRunsAReprocessAndTheOperatorReadsItsTablesThroughTheServer() throws Exception {
    FeaturePipeline pipeline = stack.restCatalogPipeline(restCatalog);
    pipeline.getMetadata().setName(PIPELINE);
    pipeline.getSpec().streaming.triggerInterval = "2s";
    pipeline.getSpec().batch.rejectRatioThreshold = 0.5;
    TablesSpec tables = pipeline.getSpec().tables;
    assertThat(pipeline.getSpec().catalog.type).isEqualTo(CatalogType.rest);
    assertThat(pipeline.getSpec().catalog.vendsCredentials()).isTrue();

    // the CRD's CEL rules: a JDBC user and password on a rest catalog is refused by the API server itself
    FeaturePipeline wrong = Serialization.clone(pipeline);
    wrong.getMetadata().setName("rest-with-jdbc-credentials");
    wrong.getSpec().catalog.credentials = new io.userflow.operator.api.spec.SecretCredentials();
    wrong.getSpec().catalog.credentials.secretName = LocalStack.CATALOG_SECRET;
    Kubectl.Result refused = kubectl.apply(Serialization.asYaml(wrong));
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("catalog.credentials (user and password) are for type jdbc");

    Kubectl.Result applied = kubectl.apply(Serialization.asYaml(pipeline));
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    cluster.awaitPipeline(st -> st.phase == PipelinePhase.Running, Duration.ofSeconds(90));
    warehouse = new Warehouse(restCatalog.settings(pipeline.getSpec().catalog.name), tables.namespace);

    Simulation simulation = EventSimulator.generate(SimulationOptions.defaults().withSeed(28).withUsers(10)
        .withDuration(Duration.ofDays(2)).withFaults(FaultRates.defaults().toBuilder().duplicate(0.05)
            .malformed(0.01).build()));
    try (KafkaEventSender sender = new KafkaEventSender(stack.broker.bootstrapServers())) {
      sender.send(LocalStack.TOPIC, simulation.records());
    }
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
        .until(() -> warehouse.totalRecords(tables.bronze) == simulation.size());
    long bronzeSnapshot = warehouse.history(tables.bronze).currentSnapshotId();
    Progress.say("Bronze has all %d records at snapshot %d (read through the REST catalog)", simulation.size(),
        bronzeSnapshot);
    FeaturePipelineStatus p = cluster.awaitPipeline(st -> st.layers != null && st.layers.bronze != null
        && Long.valueOf(bronzeSnapshot).equals(st.layers.bronze.currentSnapshotId), Duration.ofSeconds(30));
    assertThat(p.streaming.lastCommittedBronzeSnapshotId).isEqualTo(bronzeSnapshot);

    assertThat(kubectl.apply("""
        apiVersion: userflow.io/v1alpha1
        kind: Reprocess
        metadata: {name: %s, namespace: %s}
        spec: {pipelineRef: %s, stages: [Silver, Gold], mode: Auto, retryLimit: 0}
        """.formatted(REPROCESS, RealCluster.NAMESPACE, PIPELINE)).exitCode()).isZero();
    Kubectl.Result waited = cluster.waitFor(REPROCESS, "Succeeded", Duration.ofSeconds(300));
    assertThat(waited.exitCode()).as(waited.err() + "\n" + waited.out()).isZero();
    ReprocessStatus s = cluster.awaitReprocess(REPROCESS, st -> st.phase.isTerminal(), Duration.ofSeconds(5));
    assertThat(s.phase).isEqualTo(ReprocessPhase.Succeeded);

    // the plans the operator made from the REST tables' snapshots, and the lineage the jobs committed there
    long silverSnapshot = warehouse.history(tables.silver).currentSnapshotId();
    assertThat(s.silver.plan.mode).isEqualTo(PlanMode.FULL);
    assertThat(s.silver.plan.sourceTable).isEqualTo(tables.namespace + "." + tables.bronze);
    assertThat(s.silver.plan.toSnapshotId).isEqualTo(bronzeSnapshot);
    assertThat(s.silver.plan.estimatedRecords).isEqualTo(simulation.size());
    assertThat(s.gold.plan.sourceTable).isEqualTo(tables.namespace + "." + tables.silver);
    assertThat(s.gold.plan.toSnapshotId).isEqualTo(silverSnapshot);
    assertThat(List.of(s.silver.state, s.gold.state)).containsOnly(AppState.COMPLETED);
    assertThat(warehouse.lineage(tables.silver).lastProcessedSourceSnapshotId()).isEqualTo(bronzeSnapshot);
    assertThat(warehouse.lineage(tables.goldDaily).lastProcessedSourceSnapshotId()).isEqualTo(silverSnapshot);
    assertThat(warehouse.rows(tables.silver)).isEqualTo(simulation.faults().acceptedEvents());
    p = cluster.awaitPipeline(st -> Integer.valueOf(0).equals(st.silverLagSnapshots)
        && Integer.valueOf(0).equals(st.goldLagSnapshots), Duration.ofSeconds(30));
    assertThat(p.layers.silver.lastSourceSnapshotId).isEqualTo(bronzeSnapshot);
    assertThat(p.layers.goldDaily.lastSourceSnapshotId).isEqualTo(silverSnapshot);

    // every application reached the REST catalog with the credential as a Secret reference, and no S3 keys
    List<String> applications = new ArrayList<>(cluster.stageApplications(REPROCESS));
    applications.add(p.streaming.application);
    assertThat(applications).hasSize(3);
    for (String name : applications) {
      SparkApplication app = cluster.application(name);
      assertThat(app.getSpec().arguments).as(name).containsSequence(JobOptions.CATALOG_TYPE, "rest")
          .containsSequence(JobOptions.CATALOG_URI, restCatalog.uri())
          .containsSequence(JobOptions.CATALOG_VENDED_CREDENTIALS, "true");
      assertThat(app.getSpec().sparkConf).as(name)
          .containsEntry(SecretKeyRefs.DRIVER + JobOptions.CATALOG_CREDENTIAL_ENV, REST_SECRET + ":credential")
          .doesNotContainKeys(SecretKeyRefs.DRIVER + SecretKeyRefs.S3_ACCESS_KEY_ENV,
              SecretKeyRefs.EXECUTOR + SecretKeyRefs.S3_SECRET_KEY_ENV, "spark.hadoop.fs.s3a.aws.credentials.provider");
    }
    List<String> secrets = new ArrayList<>(LocalStack.secretValues());
    secrets.add(LocalRestCatalog.CLIENT_SECRET);
    Map<String, String> places = SecretLeaks.collect(kubectl, RealCluster.NAMESPACE, work);
    assertThat(places).containsKey("SparkApplications");
    assertThat(SecretLeaks.findings(places, secrets)).as("Secret values where they must not be").isEmpty();
  }
}
