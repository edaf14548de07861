package io.userflow.operator.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class SparkApplicationTest {

  @Test
  void readsTheSparkOperatorStatusIncludingFieldsWeDoNotModel() {
    String yaml = """
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata: {name: x, namespace: ns}
        spec: {type: Java, mode: cluster, mainClass: a.B, deps: {jars: []}}
        status:
          applicationState: {state: FAILED, errorMessage: "driver container failed"}
          executionAttempts: 2
          submissionAttempts: 1
          driverInfo: {podName: x-driver, webUIPort: 4040}
          sparkApplicationId: spark-123
        """;
    SparkApplication app = Serialization.unmarshal(yaml, SparkApplication.class);
    assertThat(app.getStatus().applicationState.state).isEqualTo(AppState.FAILED);
    assertThat(app.getStatus().applicationState.state.isFailed()).isTrue();
    assertThat(app.getStatus().applicationState.errorMessage).isEqualTo("driver container failed");
    assertThat(app.getStatus().executionAttempts).isEqualTo(2);
    assertThat(app.getStatus().driverInfo.podName).isEqualTo("x-driver");
  }

  @Test
  void unknownAndEmptyStatesAreSafe() {
    assertThat(AppState.from("SOMETHING_NEW")).isEqualTo(AppState.UNKNOWN);
    assertThat(AppState.from("")).isNull();
    assertThat(AppState.from("PENDING_RERUN")).isEqualTo(AppState.PENDING_RERUN);
    assertThat(AppState.SUBMITTED.isFailed()).isFalse();
  }
}
