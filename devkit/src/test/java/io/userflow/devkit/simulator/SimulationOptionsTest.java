package io.userflow.devkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationOptionsTest {

  @Test
  void readsShortAndIsoDurations() {
    assertThat(SimulationOptions.parseDuration("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(SimulationOptions.parseDuration("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(SimulationOptions.parseDuration("1d12h")).isEqualTo(Duration.ofHours(36));
    assertThat(SimulationOptions.parseDuration("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(SimulationOptions.parseDuration("PT6H")).isEqualTo(Duration.ofHours(6));
    assertThatThrownBy(() -> SimulationOptions.parseDuration("3 days")).hasMessageContaining("cannot read duration");
    assertThatThrownBy(() -> SimulationOptions.parseDuration("")).hasMessageContaining("empty");
  }

  @Test
  void rejectsImpossibleOptions() {
    SimulationOptions d = SimulationOptions.defaults();
    assertThatThrownBy(() -> d.withUsers(0)).hasMessageContaining("users");
    assertThatThrownBy(() -> d.withDuration(Duration.ZERO)).hasMessageContaining("duration");
    assertThatThrownBy(() -> d.withSessionsPerUserPerDay(0)).hasMessageContaining("sessions per user per day");
    assertThatThrownBy(() -> FaultRates.builder().late(1.5).build()).hasMessageContaining("late rate must be in [0, 1]");
    assertThatThrownBy(() -> FaultRates.builder().late(0.6).malformed(0.6).build()).hasMessageContaining("add up to");
    assertThat(FaultRates.builder().duplicate(1).purchaseWithoutPrice(1).late(1).build().late()).isEqualTo(1);
  }

  @Test
  void faultKindsSayWhetherSilverMustRejectThem() {
    assertThat(FaultKind.NONE.valid()).isTrue();
    assertThat(FaultKind.LATE.valid()).isTrue();
    assertThat(FaultKind.DUPLICATE.valid()).isTrue();
    assertThat(FaultKind.MALFORMED_JSON.rejected()).isTrue();
    assertThat(FaultKind.FUTURE_EVENT_TIME.rejected()).isTrue();
    assertThat(EventType.fromWire("add_to_cart")).contains(EventType.ADD_TO_CART);
    assertThat(EventType.fromWire("ADD_TO_CART")).isEmpty();
  }
}
