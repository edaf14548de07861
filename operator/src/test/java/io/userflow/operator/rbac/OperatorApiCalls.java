package io.userflow.operator.rbac;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tells the operator's API requests from a test's own on the mock API server: the operator gets a client of its own
 * with a {@value #USER_AGENT} User-Agent, and {@link #drain} keeps the requests that carry it.
 */
public final class OperatorApiCalls {
  public static final String USER_AGENT = "userflow-operator-under-test";

  private OperatorApiCalls() {}

  /** A client to the same server as {@code testClient}, marked as the operator's. */
  public static KubernetesClient client(KubernetesClient testClient) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(testClient.getConfiguration())
        .withUserAgent(USER_AGENT).build()).build();
  }

  /** Takes every request the server recorded so far and returns the operator's, as RBAC sees them. */
  public static Set<ApiCall> drain(KubernetesMockServer server) {
    Set<ApiCall> calls = new LinkedHashSet<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.startsWith(USER_AGENT)) {
          calls.add(ApiCall.of(request.getMethod(), request.getPath()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return calls;
  }
}
