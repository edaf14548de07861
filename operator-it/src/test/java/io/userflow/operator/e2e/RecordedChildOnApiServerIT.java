package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneExtension;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.decide.ReprocessProgress;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.iceberg.FakeTableMetadataService;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.iceberg.TableStagePlans;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.reconciler.PipelineTables;
import io.userflow.operator.reconciler.ReprocessReconciler;
import io.userflow.operator.spark.SparkApplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 item 6 on the real API server: the operator died after recording a stage's SparkApplication in the
 * Reprocess's status and before creating it (the only kill point left: a child is created only once the stored
 * status names it). Bronze then moved on. A fresh operator (the real ReprocessReconciler in JOSDK, table metadata
 * faked) creates exactly the recorded child, with the recorded plan, and never plans again.
 */
@ExtendWith(ControlPlaneExtension.class)
class RecordedChildOnApiServerIT {
  private static final CatalogSettings CATALOG = new CatalogSettings("userflow", "jdbc:sqlite:x", "file:/tmp/w",
      null, null);

  @Test
  void aFreshOperatorCreatesTheRecordedChildNotANewPlan(ControlPlane cp) {
    RealCluster.installOnce(cp);
    cp.kubectl().ok("create", "namespace", Fixtures.NAMESPACE);
    FakeTableMetadataService tables = new FakeTableMetadataService();
    tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10).build());
    tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
    tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
    try (KubernetesClient client = RealCluster.adminClient(cp)) {
      client.resource(new SecretBuilder().withNewMetadata().withName("catalog-credentials")
          .withNamespace(Fixtures.NAMESPACE).addToLabels(ApiGroup.CREDENTIALS_LABEL, "true").endMetadata()
          .withData(Map.of("username", "dXNlcg==", "password", "c2VjcmV0")).build()).create();
      FeaturePipeline fp = client.resource(Fixtures.pipeline("clicks")).create();
      Reprocess rp = client.resource(Fixtures.reprocess("crashed", "clicks")).create();

      // what the operator that died a moment ago had stored: Silver recorded over Bronze snapshots 2..3, nothing
      // created (recorded now: a phase older than spec.deadlines.stageMinutes would rightly fail at the restart)
      ReprocessProgress.Step recorded = ReprocessProgress.next(new ReprocessProgress.Inputs(rp, fp, null, Map.of(),
          new TableStagePlans(tables, () -> CATALOG, fp.getSpec(), rp.getSpec()), Fixtures.allowLists(),
          Fixtures.approvalPolicy(), List.of(), Instant.now()));
      assertThat(recorded.recordFirst()).isTrue();
      assertThat(recorded.create()).isEmpty();
      ReprocessStatus stored = recorded.status();
      assertThat(stored.phase).isEqualTo(ReprocessPhase.RunningSilver);
      assertThat(stored.silver.plan.snapshotRange).isEqualTo("2..3");
      rp.setStatus(Serialization.unmarshal(Serialization.asJson(stored), ReprocessStatus.class));
      client.resource(rp).updateStatus();

      // Bronze moved on while no operator ran: a new plan would be 2..4 with another child name
      tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10)
          .append(4, 50).build());

      Operator operator = start(client, tables);
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> !children(client).isEmpty());
        // longer than the reconciles a second child would need
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(children(client)).as("exactly the recorded child").containsExactly(stored.silver.application);
        Reprocess now = client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("crashed").get();
        assertThat(now.getStatus().silver.application).isEqualTo(stored.silver.application);
        assertThat(now.getStatus().silver.plan.snapshotRange).as("the recorded plan, not a new one").isEqualTo("2..3");
      } finally {
        operator.stop();
      }
    }
  }

  private static List<String> children(KubernetesClient client) {
    return client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
        .filter(a -> "crashed".equals(a.getMetadata().getLabels().get(ApiGroup.REPROCESS_LABEL)))
        .map(a -> a.getMetadata().getName()).toList();
  }

  private static Operator start(KubernetesClient client, FakeTableMetadataService tables) {
    OperatorConfig config = Fixtures.operatorConfig();
    Clock clock = Clock.systemUTC();
    Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(new ReprocessReconciler(client, new PipelineTables(tables), new EventRecorder(client, clock),
        new OperatorMetrics(new SimpleMeterRegistry()), config, clock), o -> o.settingNamespace(Fixtures.NAMESPACE));
    operator.start();
    return operator;
  }
}
