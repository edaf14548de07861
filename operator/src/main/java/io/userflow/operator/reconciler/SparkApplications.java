package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.spark.SparkApplication;
import java.net.HttpURLConnection;
import java.util.HashMap;

/** The three things the operator does to SparkApplications. Create is create-if-absent: names are deterministic. */
final class SparkApplications {
  private SparkApplications() {}

  static void createIfAbsent(KubernetesClient client, SparkApplication app) {
    try {
      client.resource(app).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /** Replaces the spec; the spark-operator resubmits an application whose spec changed. */
  static void updateSpec(KubernetesClient client, SparkApplication desired) {
    client.resources(SparkApplication.class).inNamespace(desired.getMetadata().getNamespace())
        .withName(desired.getMetadata().getName()).edit(app -> {
          app.setSpec(desired.getSpec());
          var annotations = app.getMetadata().getAnnotations() == null ? new HashMap<String, String>()
              : new HashMap<>(app.getMetadata().getAnnotations());
          annotations.put(ApiGroup.SPEC_HASH_ANNOTATION,
              desired.getMetadata().getAnnotations().get(ApiGroup.SPEC_HASH_ANNOTATION));
          app.getMetadata().setAnnotations(annotations);
          return app;
        });
  }

  static void delete(KubernetesClient client, SparkApplication app) {
    client.resource(app).delete();
  }
}
