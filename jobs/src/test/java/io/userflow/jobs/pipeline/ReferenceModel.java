package io.userflow.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userflow.devkit.simulator.FaultKind;
import io.userflow.devkit.simulator.SimulatedRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Silver, rejects and Gold must hold after every record was sent, computed in plain Java from the records and
 * what the simulator knows about them, without any code of the stages: a record is valid or rejected by the fault
 * the simulator put into it, the first copy of an event id received is kept, sessions split at gaps over 30
 * minutes, and the features are sums over those events. The interleaving test checks the tables against it.
 */
final class ReferenceModel {
  static final long SESSION_GAP_MILLIS = 30 * 60_000L;

  record Event(String eventId, String userId, String type, Instant time, String productId, BigDecimal price,
      Integer quantity, String sessionId, Instant sessionStart) {
    LocalDate date() {
      return time.atZone(ZoneOffset.UTC).toLocalDate();
    }
  }

  /** One daily or rolling feature row; fields a table does not have are null. */
  record Features(long events, long sessions, long pageViews, long productViews, long addToCarts, long purchases,
      BigDecimal revenue, Double avgSessionSeconds, Long distinctProductsViewed, Instant first, Instant last,
      Long activeDays, boolean converted) {}

  final Map<String, Event> silver = new TreeMap<>();
  final Map<String, Long> rejectsByReason = new TreeMap<>();
  /** Keyed {@code user|date}. */
  final Map<String, Features> daily = new TreeMap<>();
  /** Keyed {@code user|as_of_date}. */
  final Map<String, Features> rolling = new TreeMap<>();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> COUNTED = Set.of("add_to_cart", "remove_from_cart", "purchase");

  static ReferenceModel of(List<SimulatedRecord> sent, Map<FaultKind, String> reasonOf) {
    ReferenceModel m = new ReferenceModel();
    List<SimulatedRecord> byArrival = new ArrayList<>(sent);
    byArrival.sort(Comparator.comparing(SimulatedRecord::sendTime)); // stable: ties keep send order
    Map<String, List<Event>> byUser = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (SimulatedRecord r : byArrival) {
      if (r.fault().rejected()) {
        m.rejectsByReason.merge(reasonOf.get(r.fault()), 1L, Long::sum);
        continue;
      }
      Event e = parse(r.value());
      if (seen.add(e.eventId())) {
        byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
      }
    }
    byUser.forEach((user, events) -> m.sessionize(user, events));
    m.features();
    return m;
  }

  private static Event parse(String value) {
    try {
      JsonNode n = JSON.readTree(value);
      String type = n.get("event_type").asText();
      // docs/EVENTS.md: a missing quantity on cart events and purchases reads as 1
      Integer quantity = n.hasNonNull("quantity") ? Integer.valueOf(n.get("quantity").asInt())
          : COUNTED.contains(type) ? Integer.valueOf(1) : null;
      return new Event(n.get("event_id").asText(), n.get("user_id").asText(), type,
          Instant.parse(n.get("event_time").asText()), text(n, "product_id"),
          n.hasNonNull("price") ? new BigDecimal(n.get("price").asText()).stripTrailingZeros() : null, quantity, null, null);
    } catch (Exception e) {
      throw new IllegalStateException("a record the simulator calls valid does not parse: " + value, e);
    }
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private void sessionize(String user, List<Event> events) {
    events.sort(Comparator.comparing(Event::time).thenComparing(Event::eventId));
    Instant start = null;
    Instant previous = null;
    for (Event e : events) {
      if (previous == null || e.time().toEpochMilli() - previous.toEpochMilli() > SESSION_GAP_MILLIS) {
        start = e.time();
      }
      previous = e.time();
      silver.put(e.eventId(), new Event(e.eventId(), user, e.type(), e.time(), e.productId(), e.price(), e.quantity(),
          sessionId(user, start), start));
    }
  }

  /** The first 24 hex digits of SHA-256 over {@code user|session start in epoch millis}. */
  static String sessionId(String user, Instant start) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((user + "|" + start.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void features() {
    Map<String, List<Event>> byKey = new TreeMap<>();
    Map<String, Map<String, Instant[]>> sessionsByStartKey = new TreeMap<>(); // key -> session -> {start, last}
    for (Event e : silver.values()) {
      byKey.computeIfAbsent(e.userId() + "|" + e.date(), k -> new ArrayList<>()).add(e);
      String startKey = e.userId() + "|" + e.sessionStart().atZone(ZoneOffset.UTC).toLocalDate();
      Instant[] span = sessionsByStartKey.computeIfAbsent(startKey, k -> new LinkedHashMap<>())
          .computeIfAbsent(e.sessionId(), s -> new Instant[] {e.sessionStart(), e.time()});
      if (e.time().isAfter(span[1])) {
        span[1] = e.time();
      }
    }
    byKey.forEach((key, events) -> {
      long purchases = count(events, "purchase");
      BigDecimal revenue = BigDecimal.ZERO.setScale(4);
      Set<String> products = new HashSet<>();
      Instant first = null;
      Instant last = null;
      for (Event e : events) {
        if (e.type().equals("purchase")) {
          revenue = revenue.add(e.price().multiply(BigDecimal.valueOf(e.quantity() == null ? 1 : e.quantity())));
        }
        if (e.type().equals("product_view") && e.productId() != null) {
          products.add(e.productId());
        }
        first = first == null || e.time().isBefore(first) ? e.time() : first;
        last = last == null || e.time().isAfter(last) ? e.time() : last;
      }
      Map<String, Instant[]> sessions = sessionsByStartKey.getOrDefault(key, Map.of());
      // the mean of whole milliseconds, then seconds: sums of integral doubles are exact in any order
      Double avg = sessions.isEmpty() ? null : sessions.values().stream()
          .mapToDouble(s -> (double) (s[1].toEpochMilli() - s[0].toEpochMilli())).sum() / sessions.size() / 1000.0;
      daily.put(key, new Features(events.size(), sessions.size(), count(events, "page_view"),
          count(events, "product_view"), count(events, "add_to_cart"), purchases, revenue.setScale(4, RoundingMode.UNNECESSARY),
          avg, (long) products.size(), first, last, null, purchases > 0));
    });
    Map<String, List<Features>> windows = new TreeMap<>();
    daily.forEach((key, f) -> {
      String user = key.substring(0, key.indexOf('|'));
      LocalDate date = LocalDate.parse(key.substring(key.indexOf('|') + 1));
      for (int d = 0; d < 7; d++) {
        windows.computeIfAbsent(user + "|" + date.plusDays(d), k -> new ArrayList<>()).add(f);
      }
    });
    windows.forEach((key, days) -> {
      long purchases = days.stream().mapToLong(Features::purchases).sum();
      rolling.put(key, new Features(days.stream().mapToLong(Features::events).sum(),
          days.stream().mapToLong(Features::sessions).sum(), days.stream().mapToLong(Features::pageViews).sum(),
          days.stream().mapToLong(Features::productViews).sum(), days.stream().mapToLong(Features::addToCarts).sum(),
          purchases, days.stream().map(Features::revenue).reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add),
          null, null, null, null, (long) days.size(), purchases > 0));
    });
  }

  private static long count(List<Event> events, String type) {
    return events.stream().filter(e -> e.type().equals(type)).count();
  }
}
