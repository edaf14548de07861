package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userflow.operator.Fixtures;
import io.userflow.operator.RepoPaths;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.iceberg.FakeTableMetadataService;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real JOSDK operator with both reconcilers against the fabric8 mock API server, with fake table metadata.
 * {@link #restart()} replaces the operator with a fresh one (no memory carried over), like a pod restart.
 */
final class OperatorHarness implements AutoCloseable {
  final KubernetesClient client;
  final FakeTableMetadataService tables = new FakeTableMetadataService();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Operator operator;

  OperatorHarness(KubernetesClient client) {
    this.client = client;
    installCrds();
    client.resource(new SecretBuilder().withNewMetadata().withName("catalog-credentials")
        .withNamespace(Fixtures.NAMESPACE).endMetadata()
        .withData(Map.of("username", "dXNlcg==", "password", "c2VjcmV0")).build()).create();
    start();
  }

  void start() {
    Clock clock = Clock.systemUTC();
    OperatorConfig config = new OperatorConfig() {
      @Override
      public Duration pipelineResync() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Duration queueRecheck() {
        return Duration.ofMillis(300);
      }
    };
    operator = new Operator(o -> o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false)
        .withCloseClientOnStop(false));
    PipelineTables pipelineTables = new PipelineTables(client, tables);
    EventRecorder events = new EventRecorder(client, clock);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    operator.register(new FeaturePipelineReconciler(client, pipelineTables, events, metrics, config, clock));
    operator.register(new ReprocessReconciler(client, pipelineTables, events, metrics, config, clock));
    operator.start();
  }

  void restart() {
    operator.stop();
    start();
  }

  /** What the spark-operator does: write status.applicationState of a SparkApplication. */
  void setState(String name, AppState state, String error) {
    client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName(name).editStatus(app -> {
      app.setStatus(new SparkApplicationStatus());
      app.getStatus().applicationState = ApplicationState.of(state, error);
      app.getStatus().executionAttempts = 1;
      return app;
    });
  }

  List<SparkApplication> applications() {
    return client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).list().getItems();
  }

  List<String> eventReasons(String involvedName) {
    return client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
        .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
  }

  @Override
  public void close() {
    operator.stop();
  }

  private void installCrds() {
    try (Stream<Path> files = Files.list(RepoPaths.crds())) {
      for (Path file : files.toList()) {
        client.resource(Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class)).create();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the spark-operator's Helm chart installs the real one; a minimal stand-in with a status subresource
    client.resource(new CustomResourceDefinitionBuilder().withNewMetadata()
        .withName("sparkapplications.sparkoperator.k8s.io").endMetadata().withNewSpec()
        .withGroup(SparkApplication.GROUP).withScope("Namespaced").withNewNames().withKind("SparkApplication")
        .withPlural("sparkapplications").withSingular("sparkapplication").endNames()
        .addNewVersion().withName(SparkApplication.VERSION).withServed(true).withStorage(true)
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).create();
  }
}
