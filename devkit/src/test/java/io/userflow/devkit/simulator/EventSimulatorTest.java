package io.userflow.devkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pure generator: determinism, the event contract, sessions and every fault kind. */
class EventSimulatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final FaultRates HEAVY = FaultRates.builder().duplicate(0.1).late(0.05).outOfOrder(0.05).nullKey(0.06)
      .wrongType(0.04).malformed(0.04).unknownType(0.04).badTime(0.04).purchaseWithoutPrice(0.3).futureTime(0.04)
      .schemaV2(0.2).build();

  @Test
  void sameSeedAndOptionsGiveIdenticalRecords() {
    SimulationOptions options = SimulationOptions.defaults().withUsers(30);
    Simulation a = EventSimulator.generate(options);
    Simulation b = EventSimulator.generate(options);
    assertThat(a.records()).isEqualTo(b.records());
    assertThat(EventSimulator.generate(options.withSeed(43)).values()).isNotEqualTo(a.values());
  }

  @Test
  void faultRatesLeaveTheUnderlyingSessionsUnchanged() {
    SimulationOptions options = SimulationOptions.defaults().withUsers(30);
    Simulation clean = EventSimulator.generate(options.withFaults(FaultRates.none()));
    Simulation faulty = EventSimulator.generate(options.withFaults(HEAVY));
    assertThat(clean.faults().get(FaultKind.NONE)).isEqualTo(clean.size());
    assertThat(faulty.size() - faulty.faults().get(FaultKind.DUPLICATE)).isEqualTo(clean.size());
    assertThat(faulty.records().stream().map(SimulatedRecord::session).collect(Collectors.toSet()))
        .isEqualTo(clean.records().stream().map(SimulatedRecord::session).collect(Collectors.toSet()));
  }

  @Test
  void cleanEventsFollowTheContract() throws Exception {
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withFaults(FaultRates.none()));
    assertThat(sim.size()).isGreaterThan(1000);
    Map<EventType, Integer> types = new EnumMap<>(EventType.class);
    for (SimulatedRecord r : sim.records()) {
      JsonNode e = JSON.readTree(r.value());
      assertThat(e.get("event_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(e.get("user_id").asText()).isEqualTo(r.key()).matches("u\\d{6}");
      EventType type = EventType.fromWire(e.get("event_type").asText()).orElseThrow();
      types.merge(type, 1, Integer::sum);
      String time = e.get("event_time").asText();
      assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      assertThat(Duration.between(Instant.parse(time), r.sendTime())).isBetween(Duration.ofMillis(50), Duration.ofMillis(1500));
      assertThat(e.get("device").asText()).isIn("web", "ios", "android");
      assertThat(e.get("schema_version").asInt()).isEqualTo(1);
      assertThat(e.has("referrer")).isFalse();
      if (type == EventType.PURCHASE || type == EventType.PRODUCT_VIEW || type == EventType.ADD_TO_CART) {
        assertThat(e.get("price").isNumber()).as(r.value()).isTrue();
        assertThat(e.get("product_id").asText()).matches("p\\d{5}");
      }
      if (e.has("quantity")) {
        assertThat(e.get("quantity").isInt()).isTrue();
      }
    }
    assertThat(types.keySet()).containsExactlyInAnyOrder(EventType.values());
    assertThat(sim.records()).isSortedAccordingTo((x, y) -> x.sendTime().compareTo(y.sendTime()));
  }

  @Test
  void eventsOfASessionAreMinutesApartAndSessionsOfAUserMuchMore() throws Exception {
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withUsers(50).withSessionsPerUserPerDay(6)
        .withFaults(FaultRates.none()));
    Map<String, List<Instant>> bySession = new TreeMap<>();
    for (SimulatedRecord r : sim.records()) {
      bySession.computeIfAbsent(r.session(), s -> new ArrayList<>()).add(Instant.parse(JSON.readTree(r.value()).get("event_time").asText()));
    }
    Map<String, Instant> lastEndByUser = new TreeMap<>();
    List<String> ordered = new ArrayList<>(bySession.keySet());
    ordered.sort((a, b) -> bySession.get(a).stream().min(Instant::compareTo).get().compareTo(bySession.get(b).stream().min(Instant::compareTo).get()));
    for (String session : ordered) {
      List<Instant> times = bySession.get(session).stream().sorted().toList();
      for (int i = 1; i < times.size(); i++) {
        assertThat(Duration.between(times.get(i - 1), times.get(i))).isBetween(Duration.ofSeconds(2), Duration.ofMinutes(10));
      }
      String user = session.substring(0, session.indexOf("-s"));
      Instant previousEnd = lastEndByUser.put(user, times.get(times.size() - 1));
      if (previousEnd != null) {
        assertThat(Duration.between(previousEnd, times.get(0))).isGreaterThan(Duration.ofMinutes(45));
      }
    }
    assertThat(sim.sessions()).isGreaterThan(200);
  }

  @Test
  void everyFaultKindIsInjectedCountedAndLooksAsDocumented() throws Exception {
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withUsers(200).withFaults(HEAVY));
    Map<FaultKind, Long> tally = new EnumMap<>(FaultKind.class);
    Set<String> sentBefore = new HashSet<>();
    Map<String, List<SimulatedRecord>> bySession = sim.records().stream().collect(Collectors.groupingBy(SimulatedRecord::session));
    for (SimulatedRecord r : sim.records()) {
      tally.merge(r.fault(), 1L, Long::sum);
      String sameRecord = r.key() + "\u0000" + r.value();
      if (r.fault() == FaultKind.DUPLICATE) {
        assertThat(sentBefore).as("a duplicate re-sends an earlier record").contains(sameRecord);
      }
      sentBefore.add(sameRecord);
      if (r.fault() == FaultKind.MALFORMED_JSON) {
        assertThatThrownBy(() -> JSON.readTree(r.value())).as(r.value()).isNotNull();
        continue;
      }
      JsonNode e = JSON.readTree(r.value());
      switch (r.fault()) {
        case MISSING_EVENT_ID -> assertThat(e.path("event_id").isMissingNode() || e.get("event_id").isNull()).isTrue();
        case MISSING_USER_ID -> {
          assertThat(e.path("user_id").isMissingNode() || e.get("user_id").isNull()).isTrue();
          assertThat(r.key()).isNull();
        }
        case MISSING_EVENT_TIME -> assertThat(e.path("event_time").isMissingNode() || e.get("event_time").isNull()).isTrue();
        case WRONG_TYPE -> assertThat(e.path("price").isTextual() || e.path("quantity").isTextual()).isTrue();
        case UNKNOWN_EVENT_TYPE -> assertThat(EventType.fromWire(e.get("event_type").asText())).isEmpty();
        case BAD_EVENT_TIME -> assertThatThrownBy(() -> Instant.parse(e.get("event_time").asText())).isNotNull();
        case PURCHASE_WITHOUT_PRICE -> {
          assertThat(e.get("event_type").asText()).isEqualTo("purchase");
          assertThat(e.has("price")).isFalse();
        }
        case FUTURE_EVENT_TIME -> assertThat(eventTime(e)).isAfter(r.sendTime().plus(Duration.ofMinutes(5)));
        case LATE -> assertThat(Duration.between(eventTime(e), r.sendTime())).isGreaterThanOrEqualTo(Duration.ofHours(1));
        case OUT_OF_ORDER -> assertThat(bySession.get(r.session()).stream()
            .filter(o -> o.fault() == FaultKind.NONE || o.fault() == FaultKind.SCHEMA_V2)).anySatisfy(other -> {
          assertThat(other.sendTime()).isBefore(r.sendTime());
          assertThat(eventTime(JSON.readTree(other.value()))).isAfter(eventTime(e));
        });
        case SCHEMA_V2 -> {
          assertThat(e.get("schema_version").asInt()).isEqualTo(2);
          assertThat(e.get("referrer").asText()).isNotBlank();
        }
        default -> { }
      }
    }
    assertThat(sim.faults().counts()).isEqualTo(new FaultCounts(tally).counts());
    assertThat(sim.faults().counts().values()).allMatch(n -> n > 0);
    assertThat(sim.faults().acceptedEvents() + sim.faults().get(FaultKind.DUPLICATE) + sim.faults().rejected())
        .isEqualTo(sim.size());
  }

  @Test
  void arrivalBatchesSplitBySendTimeAndCarryLateEventsForward() throws Exception {
    SimulationOptions options = SimulationOptions.defaults().withUsers(60).withDuration(Duration.ofDays(3));
    Simulation sim = EventSimulator.generate(options);
    List<Simulation> batches = sim.arrivalBatches(3);
    assertThat(batches.stream().flatMap(b -> b.records().stream()).toList()).isEqualTo(sim.records());
    assertThat(batches.stream().mapToLong(b -> b.faults().total()).sum()).isEqualTo(sim.size());
    Instant secondDay = options.start().plus(Duration.ofDays(1));
    assertThat(batches.get(0).records()).allMatch(r -> r.sendTime().isBefore(secondDay));
    long lateFromEarlierDays = 0;
    for (SimulatedRecord r : batches.get(1).records()) {
      if (r.fault() == FaultKind.LATE && eventTime(JSON.readTree(r.value())).isBefore(secondDay)) {
        lateFromEarlierDays++;
      }
    }
    assertThat(lateFromEarlierDays).isPositive();
    assertThatThrownBy(() -> sim.arrivalBatches(0)).hasMessageContaining("at least 1");
  }

  private static Instant eventTime(JsonNode e) {
    return Instant.parse(e.get("event_time").asText());
  }
}
