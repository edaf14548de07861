package io.userflow.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableOwnerTest {
  private final TableOwner clicks = TableOwner.parse("team-a/clicks/uid-1");

  @Test
  void aTableBelongsToTheFirstPipelineThatStampedIt() {
    assertThat(clicks.refusal("events.silver", Map.of())).as("not stamped yet").isEmpty();
    assertThat(clicks.refusal("events.silver", clicks.properties())).isEmpty();
    assertThat(TableOwner.parse("team-a/clicks/uid-2").refusal("events.silver", clicks.properties()))
        .as("the same pipeline created again").isEmpty();
    assertThat(TableOwner.parse("team-b/clicks/uid-3").refusal("events.silver", clicks.properties()))
        .hasValueSatisfying(m -> assertThat(m).contains("events.silver belongs to FeaturePipeline team-a/clicks (uid uid-1)",
            "not to team-b/clicks", "spec.tables", TableOwner.NAME_PROPERTY));
  }

  @Test
  void malformedOwnersAreRefused() {
    assertThat(TableOwner.parse(clicks.format())).isEqualTo(clicks);
    assertThatThrownBy(() -> TableOwner.parse("clicks")).hasMessageContaining("NAMESPACE/NAME/UID");
    assertThatThrownBy(() -> TableOwner.parse("/clicks/u")).hasMessageContaining("NAMESPACE/NAME/UID");
  }
}
