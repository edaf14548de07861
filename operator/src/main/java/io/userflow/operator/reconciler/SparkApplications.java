package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.userflow.operator.spark.SparkApplication;
import java.net.HttpURLConnection;

/**
 * Creates (and stops) a Reprocess's batch SparkApplications; create-if-absent because their names are deterministic. The
 * pipeline's streaming application is a dependent resource instead ({@link StreamingApplicationDependent}).
 */
final class SparkApplications {
  private SparkApplications() {}

  /** Deletes a Reprocess's batch SparkApplication; one already gone is fine. */
  static void delete(KubernetesClient client, String namespace, String name) {
    client.resources(SparkApplication.class).inNamespace(namespace).withName(name).delete();
  }

  static void createIfAbsent(KubernetesClient client, SparkApplication app) {
    try {
      client.resource(app).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
