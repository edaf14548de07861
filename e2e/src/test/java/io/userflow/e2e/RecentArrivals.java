package io.userflow.e2e;

import static io.userflow.jobs.testing.FakeBronze.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two Bronze arrivals of a small, seeded clickstream over the six days before {@code today}, so that the
 * dashboard's default range (the last 30 days) covers every date. The first arrives at 06:00 three days ago with
 * the events before it; the second just before today's midnight with the rest, a few late events of the first
 * days (so Gold recomputes old dates), repeats of first-arrival events (cross-run dedupe) and a few bad records
 * (rejects), well under Silver's default reject ratio.
 *
 * @param first the first arrival
 * @param second the second arrival
 */
record RecentArrivals(Arrival first, Arrival second) {
  static final int USERS = 8;
  static final int DAYS = 6;
  private static final String[] TYPES = {"page_view", "page_view", "page_view", "product_view", "product_view",
      "add_to_cart", "purchase", "search", "login"};
  private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  /**
   * @param receivedAt Kafka timestamp of the batch
   * @param rawValues the records' values, as Bronze stores them
   */
  record Arrival(Instant receivedAt, List<String> rawValues) {}

  private record Event(String id, Instant time, String json) {}

  static RecentArrivals before(LocalDate today, long seed) {
    Random random = new Random(seed);
    Instant firstAt = today.minusDays(3).atTime(6, 0).toInstant(ZoneOffset.UTC);
    Instant secondAt = today.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(60);
    List<Event> events = generate(today, random);

    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<Event> delivered = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      boolean late = i % 11 == 5;
      if (e.time().isBefore(firstAt) && !late) {
        first.add(e.json());
        delivered.add(e);
      } else {
        second.add(e.json());
      }
    }
    first.add(delivered.get(0).json());
    first.add("{\"event_id\":\"broken\",\"user_id\":");
    for (int i = 1; i <= 3; i++) {
      second.add(delivered.get(i * 7 % delivered.size()).json());
    }
    second.add("not json at all");
    second.add("{\"event_id\":\"x1\",\"user_id\":\"u01\",\"event_type\":\"teleport\",\"event_time\":\""
        + ISO_MILLIS.format(secondAt.minusSeconds(3600)) + "\"}");
    second.add("{\"event_id\":\"x2\",\"user_id\":\"u02\",\"event_type\":\"purchase\",\"event_time\":\""
        + ISO_MILLIS.format(secondAt.minusSeconds(7200)) + "\",\"price\":\"free\"}");
    return new RecentArrivals(new Arrival(firstAt, List.copyOf(first)), new Arrival(secondAt, List.copyOf(second)));
  }

  /** One or two sessions a day for most users, 2 to 6 events each, minutes apart; in time order. */
  private static List<Event> generate(LocalDate today, Random random) {
    List<Event> events = new ArrayList<>();
    int id = 0;
    for (int d = DAYS; d >= 1; d--) {
      LocalDate day = today.minusDays(d);
      for (int u = 1; u <= USERS; u++) {
        if (random.nextInt(10) < 3) {
          continue;
        }
        String user = "u%02d".formatted(u);
        int sessions = 1 + random.nextInt(2);
        for (int s = 0; s < sessions; s++) {
          Instant t = day.atTime(8 + 7 * s + random.nextInt(6), random.nextInt(60)).toInstant(ZoneOffset.UTC);
          int count = 2 + random.nextInt(5);
          for (int k = 0; k < count; k++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            events.add(new Event("e" + (++id), t, event("e" + id, user, type, ISO_MILLIS.format(t))));
            t = t.plusSeconds(60 + random.nextInt(600));
          }
        }
      }
    }
    events.sort(java.util.Comparator.comparing(Event::time));
    return events;
  }

  int records() {
    return first.rawValues().size() + second.rawValues().size();
  }
}
