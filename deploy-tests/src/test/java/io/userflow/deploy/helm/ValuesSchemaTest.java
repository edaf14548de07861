package io.userflow.deploy.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.deploy.RepoPaths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json turns a wrong value into a failed render instead of a broken install. */
class ValuesSchemaTest {

  @Test
  void rejectsAWrongType() {
    assertThatThrownBy(() -> Charts.template(RepoPaths.operatorChart(), Map.of("replicaCount", "two")))
        .hasMessageContaining("replicaCount");
  }

  @Test
  void rejectsAnUnknownKey() {
    assertThatThrownBy(() -> Charts.template(RepoPaths.operatorChart(), Map.of("replicas", 2)))
        .hasMessageContaining("replicas");
  }

  @Test
  void rejectsAnInvalidNamespace() {
    assertThatThrownBy(() -> Charts.template(RepoPaths.operatorChart(), Map.of("watchNamespaces[0]", "Team_A")))
        .hasMessageContaining("watchNamespaces");
  }

  @Test
  void rejectsAnUnknownPullPolicy() {
    assertThatThrownBy(() -> Charts.template(RepoPaths.operatorChart(), Map.of("image.pullPolicy", "Sometimes")))
        .hasMessageContaining("pullPolicy");
  }
}
