package io.userflow.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.spark.SparkApplication;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator on the real API server: CDI wiring, server-side apply of its status (no mock work-arounds),
 * the Bronze application accepted by the spark-operator's own CRD, health probes and Prometheus metrics.
 */
@QuarkusTest
@WithTestResource(RealControlPlaneResource.class)
class OperatorQuarkusTest {
  @Inject
  KubernetesClient client;

  @Test
  void reconcilesAndExposesHealthAndMetrics() {
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getSpec().catalog.credentials = null;
    client.resource(fp).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(SparkApplication.class)
        .inNamespace(Fixtures.NAMESPACE).withName("clicks-bronze").get() != null);
    // the status went in by server-side apply, under the operator's field manager
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      FeaturePipeline stored = client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE)
          .withName("clicks").get();
      return stored.getStatus() != null && stored.getStatus().phase != null
          && stored.getMetadata().getManagedFields().stream().anyMatch(m -> "Apply".equals(m.getOperation())
              && "status".equals(m.getSubresource()));
    });
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("userflow_reconciliations_total{kind=\"FeaturePipeline\"}"));
  }
}
