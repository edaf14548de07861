package io.userflow.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.spark.SparkApplication;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The packaged operator: CDI wiring, CRDs applied, health probes and Prometheus metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorQuarkusTest {
  @Inject
  KubernetesClient client;

  @Test
  void reconcilesAndExposesHealthAndMetrics() {
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getSpec().catalog.credentials = null;
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName(Fixtures.NAMESPACE).endMetadata().build()).createOr(existing -> existing.update());
    client.resource(fp).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(SparkApplication.class)
        .inNamespace(Fixtures.NAMESPACE).withName("clicks-bronze").get() != null);
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("userflow_reconciliations_total{kind=\"FeaturePipeline\"}"));
  }
}
