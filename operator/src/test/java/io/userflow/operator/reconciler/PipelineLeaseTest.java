package io.userflow.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.naming.ChildNames;
import io.userflow.operator.spark.AppState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PipelineLeaseTest {
  KubernetesClient client;
  KubernetesMockServer server;

  private Reprocess created(String name) {
    return client.resource(Fixtures.reprocess(name, "clicks")).create();
  }

  private Lease lease() {
    return client.leases().inNamespace(Fixtures.NAMESPACE).withName(ChildNames.reprocessLease("clicks")).get();
  }

  @Test
  void oneReprocessHoldsThePipelineUntilItReleasesIt() {
    Reprocess a = created("a");
    Reprocess b = created("b");
    Clock clock = Clock.systemUTC();
    assertThat(PipelineLease.claim(client, a, clock)).isEmpty();
    assertThat(PipelineLease.claim(client, a, clock)).as("claiming again is holding").isEmpty();
    assertThat(PipelineLease.claim(client, b, clock)).contains("a");
    assertThat(lease().getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(a.getMetadata().getUid()));
    PipelineLease.release(client, b);
    assertThat(lease().getSpec().getHolderIdentity()).as("only the holder releases").isEqualTo("a");
    PipelineLease.release(client, a);
    assertThat(lease()).isNull();
    assertThat(PipelineLease.claim(client, b, clock)).isEmpty();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("b");
  }

  /**
   * The cache shows no rival, but another Reprocess holds the pipeline's Lease (admitted by a reconcile whose
   * status is not visible yet): the Reprocess queues behind it and creates nothing, then runs once it is freed.
   */
  @Test
  void theLeaseFencesAdmissionWhateverTheCacheShows() {
    OperatorHarness harness = new OperatorHarness(client);
    try {
      harness.tables.put(new TableHistory("events.bronze_events").append(1, 100).append(2, 100).append(3, 10)
          .build());
      harness.tables.put(new TableHistory("events.silver_events").lineage(20, 2, "v1", "2026-11-01").build());
      harness.tables.put(new TableHistory("events.user_rolling_7d_features").lineage(30, 20, "v1", null).build());
      client.resource(Fixtures.pipeline("clicks")).create();
      client.resource(new LeaseBuilder().withNewMetadata().withName(ChildNames.reprocessLease("clicks"))
          .withNamespace(Fixtures.NAMESPACE).endMetadata().withNewSpec().withHolderIdentity("elsewhere").endSpec()
          .build()).create();
      Reprocess nightly = Fixtures.reprocess("nightly", "clicks");
      nightly.getSpec().retryLimit = 0;
      client.resource(nightly).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> phase("nightly") == ReprocessPhase.Queued);
      assertThat(client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("nightly").get()
          .getStatus().queuedBehind).isEqualTo("elsewhere");
      assertThat(harness.applications()).as("no stage application, only the pipeline's streaming one")
          .noneMatch(a -> a.getMetadata().getLabels().containsKey(ApiGroup.REPROCESS_LABEL));

      client.leases().inNamespace(Fixtures.NAMESPACE).withName(ChildNames.reprocessLease("clicks")).delete();
      // any change reconciles it again (the holder's own finish would wake it through the peers informer)
      client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("nightly").edit(r -> {
        r.getMetadata().setAnnotations(Map.of("touched", "1"));
        return r;
      });
      await().atMost(Duration.ofSeconds(20)).until(() -> phase("nightly") == ReprocessPhase.RunningSilver);
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("nightly");
      String silver = client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName("nightly").get()
          .getStatus().silver.application;
      assertThat(lease()).as("held while it runs").isNotNull();
      harness.setState(silver, AppState.FAILED, "boom");
      await().atMost(Duration.ofSeconds(20)).until(() -> phase("nightly") == ReprocessPhase.Failed);
      await().atMost(Duration.ofSeconds(20)).until(() -> lease() == null);
    } finally {
      harness.close();
    }
    harness.assertApiCallsGrantedByTheChart(server);
  }

  private ReprocessPhase phase(String name) {
    Reprocess rp = client.resources(Reprocess.class).inNamespace(Fixtures.NAMESPACE).withName(name).get();
    return rp == null || rp.getStatus() == null ? null : rp.getStatus().phase;
  }
}
