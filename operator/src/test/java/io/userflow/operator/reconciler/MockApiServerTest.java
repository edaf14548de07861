package io.userflow.operator.reconciler;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.userflow.operator.Fixtures;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of both reconcilers in a real JOSDK operator ({@link OperatorHarness}) on fabric8's mock API server. After
 * each test every API call the operator made must be one the chart's RBAC grants.
 */
@EnableKubernetesMockClient(crud = true)
abstract class MockApiServerTest {
  KubernetesClient client;
  KubernetesMockServer server;
  OperatorHarness harness;

  @BeforeEach
  void startOperator() {
    harness = new OperatorHarness(client);
  }

  @AfterEach
  void stopOperator() {
    harness.close();
    harness.assertApiCallsGrantedByTheChart(server);
  }

  /** Waits (20 s at most) until the status of {@code name} meets {@code condition}, and returns that status. */
  <S, R extends CustomResource<?, S>> S awaitStatus(Class<R> kind, String name, Predicate<S> condition) {
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      R resource = get(kind, name);
      return resource != null && resource.getStatus() != null && condition.test(resource.getStatus());
    });
    return get(kind, name).getStatus();
  }

  <R extends CustomResource<?, ?>> R get(Class<R> kind, String name) {
    return client.resources(kind).inNamespace(Fixtures.NAMESPACE).withName(name).get();
  }
}
