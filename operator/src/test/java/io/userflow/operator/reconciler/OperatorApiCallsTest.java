package io.userflow.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.status.TrainingSetPhase;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.rbac.ApiCall;
import io.userflow.operator.rbac.ChartRbac;
import io.userflow.operator.spark.AppState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is the operator's API calls, derived by recording them: a pipeline's and a Reprocess's whole life
 * (submit, resubmit on a spec change, Silver then Gold, history limit, suspend, delete) against the mock API server, every request the
 * operator's client made, mapped to RBAC verbs. Every call must be granted by {@code helm/userflow/rbac-rules.yaml},
 * and every grant there must have been used, except the start-up calls listed in {@link #OUTSIDE_RECONCILIATION}.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorApiCallsTest {
  /** How long one step may take: well under a second on an idle machine, more on a loaded 2-core CI run. */
  private static final Duration STEP = Duration.ofSeconds(30);
  /** Grants the reconcilers never need: what Quarkus' operator runtime calls around them, and why. */
  static final Map<String, String> OUTSIDE_RECONCILIATION = Map.of(
      ChartRbac.grant("update", "coordination.k8s.io", "leases"), "leader election: the SDK's start-up check",
      ChartRbac.grant("patch", "coordination.k8s.io", "leases"), "leader election (Quarkus prod profile)");

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void theChartGrantsExactlyTheCallsOfAPipelinesAndAReprocesssLife() {
    OperatorHarness harness = new OperatorHarness(client);
    try {
      // a retried failure: one Event, its count patched
      harness.tables.failWith("catalog unreachable");
      // created by an older operator: its finalizer is removed by patch
      FeaturePipeline older = Fixtures.pipeline("clicks");
      older.getMetadata().setFinalizers(List.of(FeaturePipelineReconciler.LEGACY_FINALIZER));
      client.resource(older).create();
      await().atMost(STEP).until(() -> client.v1().events().inNamespace(Fixtures.NAMESPACE).list()
          .getItems().stream().anyMatch(e -> "MetadataUnavailable".equals(e.getReason()) && e.getCount() > 1));
      harness.tables.clear();
      harness.tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 10).build());
      await().atMost(STEP).until(() -> harness.applications().size() == 1);
      harness.setState("clicks-bronze", AppState.RUNNING, null);
      editPipeline(fp -> {
        fp.getSpec().streaming.triggerInterval = "30s";
        return fp;
      });
      await().atMost(STEP).until(() -> harness.applications().get(0).getSpec().arguments.contains("processing-time:30s"));

      client.resource(Fixtures.reprocess("nightly", "clicks")).create();
      String silver = awaitReprocess(ReprocessPhase.RunningSilver).getStatus().silver.application;
      harness.tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
      harness.setState(silver, AppState.COMPLETED, null);
      String gold = awaitReprocess(ReprocessPhase.RunningGold).getStatus().gold.application;
      harness.setState(gold, AppState.COMPLETED, null);
      awaitReprocess(ReprocessPhase.Succeeded);
      // a history limit of 0 deletes the finished Reprocess
      editPipeline(fp -> {
        fp.getSpec().reprocessHistory.successfulLimit = 0;
        return fp;
      });
      await().atMost(STEP).until(() -> client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("nightly")
          .get() == null);
      // a TrainingSet: its snapshots recorded, its job created, its end followed
      harness.tables.put(new TableHistory("events.user_daily_features").overwrite(31, 10).build())
          .put(new TableHistory("events.user_rolling_7d_features").overwrite(41, 10).build())
          .columns("events.user_daily_features", List.of("user_id", "feature_date", "event_count"))
          .columns("events.user_rolling_7d_features", List.of("user_id", "as_of_date", "purchase_count"));
      client.resource(Fixtures.trainingSet("churn", "clicks")).create();
      await().atMost(STEP).until(() -> harness.applications().stream()
          .anyMatch(a -> a.getMetadata().getName().equals("churn-training-set")));
      harness.setState("churn-training-set", AppState.COMPLETED, null);
      await().atMost(STEP).until(() -> {
        TrainingSet ts = client.resources(TrainingSet.class).inNamespace(Fixtures.NAMESPACE).withName("churn").get();
        return ts.getStatus() != null && ts.getStatus().phase == TrainingSetPhase.Succeeded;
      });
      // a pipeline the informer does not hold is confirmed missing with a get
      client.resource(Fixtures.reprocess("orphan", "no-such-pipeline")).create();
      await().atMost(STEP).until(() -> {
        Reprocess orphan = client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("orphan").get();
        return orphan.getStatus() != null && orphan.getStatus().phase == ReprocessPhase.Failed;
      });

      editPipeline(fp -> {
        fp.getSpec().suspend = true;
        return fp;
      });
      await().atMost(STEP).until(() -> harness.applications().stream().noneMatch(a -> a.getMetadata().getName()
          .equals("clicks-bronze")));
      // no finalizer: the delete is the API server's alone
      client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").delete();
      await().atMost(STEP).until(() -> client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks")
          .get() == null);
    } finally {
      harness.close();
    }

    Set<ApiCall> calls = OperatorHarness.drain(server);
    ChartRbac rbac = ChartRbac.load();
    assertThat(rbac.forbidden(calls, Fixtures.NAMESPACE, Fixtures.NAMESPACE))
        .as("operator calls helm/userflow/rbac-rules.yaml does not grant").isEmpty();
    Set<String> unused = new TreeSet<>(rbac.all());
    calls.forEach(call -> unused.remove(ChartRbac.grant(call)));
    assertThat(unused).as("grants in helm/userflow/rbac-rules.yaml the operator never used (calls: %s)", calls)
        .containsExactlyInAnyOrderElementsOf(OUTSIDE_RECONCILIATION.keySet());
  }

  /** Edits the pipeline, again on a conflict with the operator's own status writes. */
  private void editPipeline(UnaryOperator<FeaturePipeline> change) {
    await().ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
      client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(change);
      return true;
    });
  }

  private Reprocess awaitReprocess(ReprocessPhase phase) {
    await().atMost(STEP).until(() -> {
      Reprocess rp = client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("nightly").get();
      return rp != null && rp.getStatus() != null && rp.getStatus().phase == phase;
    });
    return client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("nightly").get();
  }
}
