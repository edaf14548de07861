package io.userflow.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.DriverInfo;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator on the real API server: CDI wiring, server-side apply of its status and of the streaming
 * dependent (no mock work-arounds), the Bronze application accepted by the spark-operator's own CRD, health probes
 * and Prometheus metrics.
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
    // the streaming application is applied server-side by its dependent, with no hash annotation of ours
    SparkApplication app = client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE)
        .withName("clicks-bronze").get();
    assertThat(app.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(app.getMetadata().getManagedFields()).anySatisfy(m -> {
      assertThat(m.getOperation()).isEqualTo("Apply");
      assertThat(m.getManager()).isEqualTo("featurepipeline");
    });
    // what the spark-operator writes wakes the pipeline; the dependent's matcher finds nothing to change
    client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName("clicks-bronze")
        .editStatus(a -> {
          a.setStatus(new SparkApplicationStatus());
          a.getStatus().applicationState = ApplicationState.of(AppState.RUNNING, null);
          a.getStatus().driverInfo = new DriverInfo();
          a.getStatus().driverInfo.podName = "clicks-bronze-driver";
          return a;
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(FeaturePipeline.class)
        .inNamespace(Fixtures.NAMESPACE).withName("clicks").get().getStatus().phase == PipelinePhase.Running);
    assertThat(client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName("clicks-bronze")
        .get().getMetadata().getGeneration()).isEqualTo(app.getMetadata().getGeneration());
    // a spec change is applied to the same application
    client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName("clicks").edit(p -> {
      p.getSpec().streaming.image = "ghcr.io/userflow/jobs:0.2.0";
      return p;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> client.resources(SparkApplication.class)
        .inNamespace(Fixtures.NAMESPACE).withName("clicks-bronze").get().getSpec().image.endsWith(":0.2.0"));
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("userflow_reconciliations_total{kind=\"FeaturePipeline\"}"));
  }

  /** The packaged operator's default allow-lists: a hostile spec is refused, said, and nothing of it runs. */
  @Test
  void refusesWhatTheAllowListsDoNotHold() {
    FeaturePipeline fp = Fixtures.pipeline("hostile");
    fp.getSpec().catalog.credentials = null;
    fp.getSpec().streaming.image = "docker.io/attacker/jobs:1";
    fp.getSpec().streaming.applicationFile = "https://attacker.example/jobs.jar";
    fp.getSpec().streaming.serviceAccount = "default";
    client.resource(fp).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      FeaturePipeline stored = client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE)
          .withName("hostile").get();
      return stored.getStatus() != null && stored.getStatus().phase == PipelinePhase.Invalid;
    });
    var ready = Conditions.find(client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE)
        .withName("hostile").get().getStatus().conditions, Conditions.READY).orElseThrow();
    assertThat(ready.status).isEqualTo("False");
    assertThat(ready.reason).isEqualTo("NotAllowed");
    assertThat(ready.message).contains("spec.streaming.image", "allowList.imagePrefixes",
        "spec.streaming.applicationFile", "allowList.applicationFilePrefixes", "spec.streaming.serviceAccount",
        "allowList.serviceAccounts");
    await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace(Fixtures.NAMESPACE).list()
        .getItems().stream().anyMatch(e -> "hostile".equals(e.getInvolvedObject().getName())
            && "Warning".equals(e.getType()) && "NotAllowed".equals(e.getReason())));
    assertThat(client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName("hostile-bronze")
        .get()).isNull();
  }

  /**
   * Where a pipeline points the operator: a catalog outside the allow-list (the test profile allows only the
   * fixtures' catalog database) is refused as NotAllowed; a JDBC URL parameter that would make the driver load a
   * class is refused as an invalid spec. Neither is connected to, and nothing runs.
   */
  @Test
  void refusesCatalogsOutsideTheAllowListAndDriverParametersThatLoadClasses() {
    FeaturePipeline elsewhere = Fixtures.pipeline("elsewhere");
    elsewhere.getSpec().catalog.credentials = null;
    elsewhere.getSpec().catalog.uri = "jdbc:postgresql://catalog-db.attacker.example:5432/iceberg";
    client.resource(elsewhere).create();
    FeaturePipeline factory = Fixtures.pipeline("factory");
    factory.getSpec().catalog.credentials = null;
    factory.getSpec().catalog.uri = "jdbc:postgresql://catalog-db:5432/iceberg?socketFactory=org.example.Evil";
    client.resource(factory).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> java.util.stream.Stream.of("elsewhere", "factory")
        .map(name -> client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE).withName(name).get())
        .allMatch(p -> p.getStatus() != null && p.getStatus().phase == PipelinePhase.Invalid));
    var notAllowed = Conditions.find(client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE)
        .withName("elsewhere").get().getStatus().conditions, Conditions.READY).orElseThrow();
    assertThat(notAllowed.reason).isEqualTo("NotAllowed");
    assertThat(notAllowed.message).contains("spec.catalog.uri", "allowList.catalogUriPrefixes");
    var invalid = Conditions.find(client.resources(FeaturePipeline.class).inNamespace(Fixtures.NAMESPACE)
        .withName("factory").get().getStatus().conditions, Conditions.READY).orElseThrow();
    assertThat(invalid.reason).isEqualTo("InvalidSpec");
    assertThat(invalid.message).contains("spec.catalog.uri has the JDBC parameter socketFactory");
    for (String name : java.util.List.of("elsewhere-bronze", "factory-bronze")) {
      assertThat(client.resources(SparkApplication.class).inNamespace(Fixtures.NAMESPACE).withName(name).get())
          .isNull();
    }
  }
}
