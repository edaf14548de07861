package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.Fixtures;
import io.userflow.operator.api.status.Condition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private final List<Condition> conditions = new ArrayList<>();

  @Test
  void transitionTimeMovesOnlyWhenStatusFlips() {
    Conditions.set(conditions, "Ready", false, "Starting", "a", 1, Fixtures.NOW);
    Conditions.set(conditions, "Ready", false, "Starting", "b", 2, Fixtures.NOW.plusSeconds(60));
    assertThat(conditions).singleElement().satisfies(c -> {
      assertThat(c.lastTransitionTime).isEqualTo("2026-11-25T10:00:00Z");
      assertThat(c.message).isEqualTo("b");
      assertThat(c.observedGeneration).isEqualTo(2);
    });
    Conditions.set(conditions, "Ready", true, "Running", "c", 2, Fixtures.NOW.plusSeconds(120));
    assertThat(conditions.get(0).lastTransitionTime).isEqualTo("2026-11-25T10:02:00Z");
    assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
  }

  @Test
  void typesKeepTheirOrder() {
    Conditions.set(conditions, "A", true, "R", "m", 1, Fixtures.NOW);
    Conditions.set(conditions, "B", true, "R", "m", 1, Fixtures.NOW);
    Conditions.set(conditions, "A", false, "R", "m", 1, Fixtures.NOW);
    assertThat(conditions).extracting(c -> c.type).containsExactly("A", "B");
    assertThat(Conditions.isTrue(conditions, "missing")).isFalse();
  }
}
