package io.userflow.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.CatalogType;
import io.userflow.core.iceberg.RestCatalogSettings;
import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.spec.SecretCredentials;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.iceberg.TableHistory;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FeaturePipelineReconcilerTest extends MockApiServerTest {
  private FeaturePipelineStatus awaitStatus(Predicate<FeaturePipelineStatus> condition) {
    return awaitStatus(FeaturePipeline.class, "clicks", condition);
  }

  private SparkApplication streamingApp() {
    return get(SparkApplication.class, "clicks-bronze");
  }

  @Test
  void submitsTheStreamingApplicationAndBecomesReadyWhenItRuns() {
    harness.tables.put(new TableHistory("events.bronze_events").batch(1, 10, 0, "t/0:10").batch(2, 10, 1, "t/0:20")
        .build());
    client.resource(Fixtures.pipeline("clicks")).create();
    awaitStatus(s -> s.phase == PipelinePhase.Starting);
    SparkApplication app = streamingApp();
    assertThat(app.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("clicks"));
    harness.setState("clicks-bronze", AppState.RUNNING, null);
    FeaturePipelineStatus s = awaitStatus(st -> st.phase == PipelinePhase.Running);
    assertThat(Conditions.isTrue(s.conditions, Conditions.READY)).isTrue();
    assertThat(Conditions.isTrue(s.conditions, Conditions.STREAMING_RUNNING)).isTrue();
    assertThat(s.observedGeneration).isEqualTo(1);
    assertThat(s.layers.bronze.currentSnapshotId).isEqualTo(2);
    assertThat(s.streaming.lastCommittedBronzeSnapshotId).isEqualTo(2);
    assertThat(s.silverLagSnapshots).isEqualTo(2);
    assertThat(harness.eventReasons("clicks")).contains("StreamingSubmitted", "StreamingRunning");
    assertThat(harness.applications()).hasSize(1);
  }

  @Test
  void invalidSpecGetsAConditionAndAWarningButNoApplication() {
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getSpec().tables.silver = "silver_events; DROP TABLE silver_events";
    client.resource(fp).create();
    FeaturePipelineStatus s = awaitStatus(st -> st.phase == PipelinePhase.Invalid);
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().reason).isEqualTo("InvalidSpec");
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().message).contains("spec.tables.silver");
    await().until(() -> harness.eventReasons("clicks").contains("InvalidSpec"));
    assertThat(harness.applications()).isEmpty();
  }

  @Test
  void specChangeUpdatesTheSameApplicationAndSuspendDeletesIt() {
    client.resource(Fixtures.pipeline("clicks")).create();
    awaitStatus(s -> s.phase == PipelinePhase.Starting);
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks")
        .edit(fp -> {
          fp.getSpec().streaming.image = "ghcr.io/userflow/jobs:0.2.0";
          return fp;
        });
    await().atMost(Duration.ofSeconds(20)).until(() -> streamingApp().getSpec().image.endsWith(":0.2.0"));
    assertThat(harness.applications()).hasSize(1);
    assertThat(streamingApp().getSpec().arguments).contains("s3a://checkpoints/userflow/bronze");
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks")
        .edit(fp -> {
          fp.getSpec().suspend = true;
          return fp;
        });
    awaitStatus(s -> s.phase == PipelinePhase.Suspended);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.applications().isEmpty());
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks")
        .edit(fp -> {
          fp.getSpec().suspend = false;
          return fp;
        });
    await().atMost(Duration.ofSeconds(20)).until(() -> streamingApp() != null);
    await().until(() -> harness.eventReasons("clicks").containsAll(java.util.List.of("StreamingResubmitted",
        "StreamingSuspended", "StreamingResumed")));
  }

  @Test
  void unreachableCatalogDegradesThePipeline() {
    harness.tables.failWith("connection refused");
    client.resource(Fixtures.pipeline("clicks")).create();
    FeaturePipelineStatus s = awaitStatus(st -> Conditions.isTrue(st.conditions, Conditions.DEGRADED));
    assertThat(Conditions.find(s.conditions, Conditions.DEGRADED).get().reason).isEqualTo("MetadataUnavailable");
    await().until(() -> harness.eventReasons("clicks").contains("MetadataUnavailable"));
    assertThat(harness.applications()).as("the streaming job does not need the operator's catalog access")
        .hasSize(1);
    // the retries count on one Event instead of adding one each
    await().atMost(Duration.ofSeconds(20)).until(() -> client.v1().events().inNamespace(Fixtures.NAMESPACE).list()
        .getItems().stream().anyMatch(e -> "MetadataUnavailable".equals(e.getReason()) && e.getCount() > 1));
    assertThat(harness.eventReasons("clicks")).filteredOn("MetadataUnavailable"::equals).hasSize(1);
  }

  @Test
  void anUnlabelledSecretIsRefusedUntilItsOwnerOptsItIn() {
    client.resource(new SecretBuilder().withNewMetadata().withName("kafka-user").withNamespace(Fixtures.NAMESPACE)
        .endMetadata().addToData("username", "dXNlcg==").addToData("password", "c2VjcmV0").build()).create();
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getSpec().source.securityProtocol = KafkaSecurity.Protocol.SASL_PLAINTEXT;
    fp.getSpec().source.credentials = new SecretCredentials();
    fp.getSpec().source.credentials.secretName = "kafka-user";
    client.resource(fp).create();
    FeaturePipelineStatus s = awaitStatus(st -> Conditions.find(st.conditions, Conditions.READY)
        .map(c -> "SecretNotAllowed".equals(c.reason)).orElse(false));
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().message)
        .contains("kafka-user (spec.source.credentials)", ApiGroup.CREDENTIALS_SELECTOR);
    assertThat(Conditions.isTrue(s.conditions, Conditions.DEGRADED)).isTrue();
    await().until(() -> harness.eventReasons("clicks").contains("SecretNotAllowed"));
    assertThat(harness.applications()).as("nothing is started with a Secret that was not opted in").isEmpty();

    // labelling the Secret wakes the pipeline through the Secret informer (the resync is 60 s)
    client.secrets().inNamespace(Fixtures.NAMESPACE).withName("kafka-user")
        .edit(secret -> new SecretBuilder(secret).editMetadata().addToLabels(ApiGroup.CREDENTIALS_LABEL, "true")
            .endMetadata().build());
    await().atMost(Duration.ofSeconds(20)).until(() -> streamingApp() != null);
    assertThat(streamingApp().getSpec().sparkConf).containsEntry(
        "spark.kubernetes.executor.secretKeyRef." + KafkaSecurity.PASSWORD_ENV, "kafka-user:password");
  }

  @Test
  void aRestCatalogIsReadWithItsOptedInSecretsCredentialWhichTheApplicationOnlyNames() {
    String credential = "userflow-client:a-secret-of-the-rest-catalog";
    client.resource(new SecretBuilder().withNewMetadata().withName("rest-catalog").withNamespace(Fixtures.NAMESPACE)
        .addToLabels(ApiGroup.CREDENTIALS_LABEL, "true").endMetadata().addToData("credential",
            java.util.Base64.getEncoder().encodeToString(credential.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .build()).create();
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getSpec().catalog = Fixtures.restCatalog();
    client.resource(fp).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> streamingApp() != null && harness.tables.lastCatalog() != null);
    CatalogSettings read = harness.tables.lastCatalog();
    assertThat(read.type()).isEqualTo(CatalogType.REST);
    assertThat(read.uri()).isEqualTo("https://polaris.example.com/api/catalog");
    assertThat(read.warehouse()).isEqualTo("analytics");
    assertThat(read.rest()).isEqualTo(new RestCatalogSettings("analytics", credential, null, null, null,
        java.util.Map.of("X-Tenant", "team-a"), true));
    assertThat(streamingApp().getSpec().sparkConf).containsEntry(
        "spark.kubernetes.driver.secretKeyRef." + JobOptions.CATALOG_CREDENTIAL_ENV, "rest-catalog:credential");
    assertThat(Serialization.asJson(streamingApp())).doesNotContain(credential, "a-secret-of-the-rest-catalog");
  }

  @Test
  void aNewCheckpointLocationKeepsTheRunningApplicationUntilTheMigrationIsConfirmed() {
    client.resource(Fixtures.pipeline("clicks")).create();
    harness.setState("clicks-bronze", AppState.RUNNING, null);
    awaitStatus(s -> s.phase == PipelinePhase.Running);
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(fp -> {
      fp.getSpec().streaming.checkpointLocation = "s3a://checkpoints/userflow/bronze-v2";
      return fp;
    });
    FeaturePipelineStatus s = awaitStatus(st -> Conditions.find(st.conditions, Conditions.READY)
        .map(c -> "ReingestRefused".equals(c.reason)).orElse(false));
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().message)
        .contains("spec.streaming.checkpointLocation", "userflow.io/migrate-checkpoint-location=");
    assertThat(streamingApp().getSpec().arguments).as("not resubmitted")
        .contains("s3a://checkpoints/userflow/bronze").doesNotContain("s3a://checkpoints/userflow/bronze-v2");
    await().until(() -> harness.eventReasons("clicks").contains("ReingestRefused"));
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(fp -> {
      fp.getSpec().streaming.checkpointLocation = "s3a://checkpoints/userflow/bronze";
      return fp;
    });
    awaitStatus(st -> st.phase == PipelinePhase.Running);
    // the migration confirmed in the same edit (an annotation added alone counts from the next resync)
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(fp -> {
      fp.getMetadata().setAnnotations(java.util.Map.of("userflow.io/migrate-checkpoint-location",
          "s3a://checkpoints/userflow/bronze-v2"));
      fp.getSpec().streaming.checkpointLocation = "s3a://checkpoints/userflow/bronze-v2";
      return fp;
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> streamingApp().getSpec().arguments
        .contains("s3a://checkpoints/userflow/bronze-v2"));
    assertThat(get(FeaturePipeline.class, "clicks").getStatus().streaming.checkpointLocation)
        .isEqualTo("s3a://checkpoints/userflow/bronze-v2");
  }

  @Test
  void aCrashLoopingDriverShowsDegraded() {
    client.resource(Fixtures.pipeline("clicks")).create();
    harness.setState("clicks-bronze", AppState.RUNNING, null);
    awaitStatus(s -> s.phase == PipelinePhase.Running);
    // what the spark-operator reports after restarting a failing driver (RestartPolicy Always) for the fourth time
    client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName("clicks-bronze")
        .editStatus(app -> {
          app.getStatus().executionAttempts = 5;
          app.getStatus().applicationState = io.userflow.operator.spark.ApplicationState.of(AppState.RUNNING,
              "Error: driver exited\nERROR: checkpoint s3a://checkpoints/userflow/bronze is not readable");
          return app;
        });
    FeaturePipelineStatus s = awaitStatus(st -> Conditions.isTrue(st.conditions, Conditions.DEGRADED));
    assertThat(s.phase).isEqualTo(PipelinePhase.Degraded);
    assertThat(Conditions.find(s.conditions, Conditions.DEGRADED).get().reason).isEqualTo("StreamingCrashLoop");
    assertThat(Conditions.find(s.conditions, Conditions.DEGRADED).get().message).contains("restarted 4 times",
        "last driver error: ERROR: checkpoint s3a://checkpoints/userflow/bronze is not readable");
    await().until(() -> harness.eventReasons("clicks").contains("StreamingCrashLoop"));
  }

  @Test
  void suspendStopsTheStreamingApplicationEvenWhenASecretLostItsLabel() {
    client.resource(new SecretBuilder().withNewMetadata().withName("kafka-user").withNamespace(Fixtures.NAMESPACE)
        .addToLabels(ApiGroup.CREDENTIALS_LABEL, "true").endMetadata().addToData("username", "dXNlcg==")
        .addToData("password", "c2VjcmV0").build()).create();
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getSpec().source.securityProtocol = KafkaSecurity.Protocol.SASL_PLAINTEXT;
    fp.getSpec().source.credentials = new SecretCredentials();
    fp.getSpec().source.credentials.secretName = "kafka-user";
    client.resource(fp).create();
    harness.setState("clicks-bronze", AppState.RUNNING, null);
    awaitStatus(s -> s.phase == PipelinePhase.Running);
    client.secrets().inNamespace(Fixtures.NAMESPACE).withName("kafka-user")
        .edit(secret -> new SecretBuilder(secret).editMetadata().removeFromLabels(ApiGroup.CREDENTIALS_LABEL)
            .endMetadata().build());
    awaitStatus(s -> Conditions.find(s.conditions, Conditions.READY)
        .map(c -> "SecretNotAllowed".equals(c.reason)).orElse(false));
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(p -> {
      p.getSpec().suspend = true;
      return p;
    });
    FeaturePipelineStatus s = awaitStatus(st -> st.phase == PipelinePhase.Suspended);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.applications().isEmpty());
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().reason).isEqualTo("SecretNotAllowed");
    assertThat(Conditions.find(s.conditions, Conditions.READY).get().message)
        .contains("Suspended", "kafka-user (spec.source.credentials)", ApiGroup.CREDENTIALS_SELECTOR);
    assertThat(harness.eventReasons("clicks")).contains("StreamingSuspended");
  }

  private int lagGauges(String pipeline) {
    return harness.registry.find("userflow.pipeline.lag.snapshots").tag("pipeline", pipeline).gauges().size();
  }

  @Test
  void deletingAPipelineRemovesItsLagGaugesAndOnlyIts() {
    harness.tables.put(new TableHistory("events.bronze_events").batch(1, 10, 0, "t/0:10").build());
    client.resource(Fixtures.pipeline("clicks")).create();
    client.resource(Fixtures.pipeline("views")).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> lagGauges("clicks") > 0 && lagGauges("views") > 0);
    assertThat(get(FeaturePipeline.class, "clicks").getMetadata().getFinalizers())
        .as("the gauges go on the delete event: no finalizer holds a deletion while the operator is down").isEmpty();
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> lagGauges("clicks") == 0);
    assertThat(lagGauges("views")).isPositive();
  }

  @Test
  void theFinalizerOfAnOlderOperatorIsRemovedAndADeletionNeedsNoOperator() {
    FeaturePipeline older = Fixtures.pipeline("clicks");
    older.getMetadata().setFinalizers(java.util.List.of(FeaturePipelineReconciler.LEGACY_FINALIZER));
    client.resource(older).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> get(FeaturePipeline.class, "clicks").getMetadata()
        .getFinalizers().isEmpty());
    awaitStatus(s -> s.phase == PipelinePhase.Starting);
    harness.close();
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").delete();
    assertThat(get(FeaturePipeline.class, "clicks")).as("deleted with the operator down").isNull();
    harness.start();
  }

  @Test
  void anInvalidEditLeavesTheRunningApplicationAsItIs() {
    client.resource(Fixtures.pipeline("clicks")).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> streamingApp() != null);
    harness.setState("clicks-bronze", AppState.RUNNING, null);
    awaitStatus(s -> s.phase == PipelinePhase.Running);
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(fp -> {
      fp.getSpec().tables.silver = "silver_events; DROP TABLE silver_events";
      fp.getSpec().streaming.image = "ghcr.io/userflow/jobs:0.2.0";
      return fp;
    });
    awaitStatus(s -> s.phase == PipelinePhase.Invalid);
    assertThat(streamingApp().getSpec().image).as("not resubmitted with an invalid spec").doesNotEndWith(":0.2.0");
  }
}
