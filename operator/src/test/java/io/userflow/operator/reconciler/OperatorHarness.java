package io.userflow.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userflow.operator.Fixtures;
import io.userflow.operator.MockCrds;
import io.userflow.operator.RepoPaths;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.iceberg.FakeTableMetadataService;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.rbac.ApiCall;
import io.userflow.operator.rbac.ChartRbac;
import io.userflow.operator.rbac.OperatorApiCalls;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A real JOSDK operator with its three reconcilers against the fabric8 mock API server, with fake table metadata.
 * {@link #restart()} replaces the operator with a fresh one (no memory carried over), like a pod restart.
 */
final class OperatorHarness implements AutoCloseable {
  final KubernetesClient client;
  final FakeTableMetadataService tables = new FakeTableMetadataService();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Operator operator;

  OperatorHarness(KubernetesClient client) {
    this.client = client;
    MockCrds.install(client, RepoPaths.crds());
    client.resource(new SecretBuilder().withNewMetadata().withName("catalog-credentials")
        .withNamespace(Fixtures.NAMESPACE).addToLabels(ApiGroup.CREDENTIALS_LABEL, "true").endMetadata()
        .withData(Map.of("username", "dXNlcg==", "password", "c2VjcmV0")).build()).create();
    start();
  }

  void start() {
    Clock clock = Clock.systemUTC();
    OperatorConfig config = Fixtures.operatorConfig();
    // the operator's own client: its requests are told from the test's by User-Agent (OperatorApiCalls)
    KubernetesClient own = OperatorApiCalls.client(client);
    // the mock server has no server-side apply (an apply that creates is a 404): status patches and the streaming
    // dependent use JSON patch / create / replace here; OperatorQuarkusTest covers SSA on the real API server
    operator = new Operator(o -> o.withKubernetesClient(own).withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false).withCloseClientOnStop(true));
    PipelineTables pipelineTables = new PipelineTables(tables);
    EventRecorder events = new EventRecorder(own, clock);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    // one watched namespace, as the chart deploys it by default
    operator.register(new FeaturePipelineReconciler(pipelineTables, events, metrics, config, clock),
        o -> o.settingNamespace(Fixtures.NAMESPACE));
    operator.register(new ReprocessReconciler(own, pipelineTables, events, metrics, config, clock),
        o -> o.settingNamespace(Fixtures.NAMESPACE));
    operator.register(new TrainingSetReconciler(own, pipelineTables, events, metrics, config, clock),
        o -> o.settingNamespace(Fixtures.NAMESPACE));
    operator.start();
  }

  /**
   * Every request the operator has made so far must be granted by the chart's RBAC for an operator that watches
   * and runs in the test namespace.
   */
  void assertApiCallsGrantedByTheChart(KubernetesMockServer server) {
    Set<ApiCall> calls = drain(server);
    assertThat(ChartRbac.load().forbidden(calls, Fixtures.NAMESPACE, Fixtures.NAMESPACE))
        .as("operator API calls that helm/userflow/rbac-rules.yaml does not grant").isEmpty();
  }

  /**
   * The operator's requests so far, as a real API server would see them: the streaming dependent replaces its
   * application here (update) where it applies it server-side (patch) in production (see start());
   * OperatorEndToEndIT checks the chart's RBAC against the real calls.
   */
  static Set<ApiCall> drain(KubernetesMockServer server) {
    return OperatorApiCalls.drain(server).stream().map(call -> call.resource().equals("sparkapplications")
        && call.verb().equals("update") ? new ApiCall(call.group(), call.resource(), "patch", call.namespace())
        : call).collect(Collectors.toSet());
  }

  void restart() {
    operator.stop();
    start();
  }

  /**
   * What the spark-operator does: write status.applicationState of a SparkApplication, once it exists (the status
   * names a child a moment before the next reconcile creates it).
   */
  void setState(String name, AppState state, String error) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> client
        .resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName(name).get() != null);
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
}
