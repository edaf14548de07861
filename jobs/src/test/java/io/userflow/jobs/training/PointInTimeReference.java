package io.userflow.jobs.training;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The features a label must get, recomputed in plain Java from Silver's events alone, without Gold's code or tables:
 * only events dated up to the label's last usable day count (its UTC day before), except the one documented spill —
 * a session's length runs to its last event, which may come after its start day.
 */
final class PointInTimeReference {
  record Event(String user, String type, Instant time, LocalDate date, String product, BigDecimal price, Integer quantity,
      String session, Instant sessionStart) {
    LocalDate sessionDate() {
      return sessionStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
  }

  private final Map<String, List<Event>> byUser;

  private PointInTimeReference(Map<String, List<Event>> byUser) {
    this.byUser = byUser;
  }

  static PointInTimeReference ofSilver(SparkSession spark, String silverName) {
    Map<String, List<Event>> byUser = new LinkedHashMap<>();
    for (Row r : spark.table(silverName).select("user_id", "event_type", "event_time", "event_date", "product_id",
        "price", "quantity", "session_id", "session_start").collectAsList()) {
      byUser.computeIfAbsent(r.getString(0), u -> new ArrayList<>()).add(new Event(r.getString(0), r.getString(1),
          r.getTimestamp(2).toInstant(), r.getDate(3).toLocalDate(), r.getString(4), r.getDecimal(5),
          r.isNullAt(6) ? null : r.getInt(6), r.getString(7), r.getTimestamp(8).toInstant()));
    }
    return new PointInTimeReference(byUser);
  }

  /** user_daily_features' columns for a label of {@code user} whose last usable day is {@code day}; null: none. */
  Map<String, Object> daily(String user, LocalDate day) {
    List<Event> all = byUser.getOrDefault(user, List.of());
    LocalDate tile = all.stream().map(Event::date).filter(d -> !d.isAfter(day)).max(LocalDate::compareTo).orElse(null);
    if (tile == null) {
      return null;
    }
    List<Event> of = all.stream().filter(e -> e.date().equals(tile)).toList();
    Map<String, Object> f = counts(all, of, Set.of(tile));
    Set<String> sessions = all.stream().filter(e -> e.sessionDate().equals(tile)).map(Event::session).collect(Collectors.toSet());
    // the documented spill: a session's length runs to its last event, whatever its day
    f.put("avg_session_seconds", sessions.isEmpty() ? null : sessions.stream().mapToDouble(s -> {
      List<Event> in = all.stream().filter(e -> e.session().equals(s)).toList();
      Instant end = in.stream().map(Event::time).max(Instant::compareTo).orElseThrow();
      return (end.toEpochMilli() - in.get(0).sessionStart().toEpochMilli()) / 1000.0;
    }).average().orElseThrow());
    f.put("distinct_products_viewed", of.stream().filter(e -> e.type().equals("product_view") && e.product() != null)
        .map(Event::product).distinct().count());
    f.put("first_event_time", of.stream().map(Event::time).min(Instant::compareTo).orElseThrow());
    f.put("last_event_time", of.stream().map(Event::time).max(Instant::compareTo).orElseThrow());
    f.put("converted", (Long) f.get("purchase_count") > 0);
    return f;
  }

  /** user_rolling_7d_features' columns for the window ending on {@code day}; null when it holds no event. */
  Map<String, Object> rolling(String user, LocalDate day) {
    List<Event> all = byUser.getOrDefault(user, List.of());
    Set<LocalDate> window = new TreeSet<>();
    for (int i = 0; i < 7; i++) {
      window.add(day.minusDays(i));
    }
    List<Event> of = all.stream().filter(e -> window.contains(e.date())).toList();
    if (of.isEmpty()) {
      return null;
    }
    Map<String, Object> f = counts(all, of, window);
    f.put("active_days", of.stream().map(Event::date).distinct().count());
    f.put("converted", (Long) f.get("purchase_count") > 0);
    return f;
  }

  private static Map<String, Object> counts(List<Event> all, List<Event> of, Set<LocalDate> days) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event_count", (long) of.size());
    f.put("session_count", all.stream().filter(e -> days.contains(e.sessionDate())).map(Event::session).distinct().count());
    for (String[] t : new String[][] {{"page_view", "page_view_count"}, {"product_view", "product_view_count"},
        {"add_to_cart", "add_to_cart_count"}, {"purchase", "purchase_count"}}) {
      f.put(t[1], of.stream().filter(e -> e.type().equals(t[0])).count());
    }
    f.put("revenue", of.stream().filter(e -> e.type().equals("purchase"))
        .map(e -> e.price().multiply(BigDecimal.valueOf(e.quantity() == null ? 1 : e.quantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add));
    return f;
  }

  /** Whether a stored value equals the reference's: decimals by value, doubles within rounding, times as instants. */
  static boolean same(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof BigDecimal e) {
      return actual instanceof BigDecimal a && e.compareTo(a) == 0;
    }
    if (expected instanceof Double e) {
      return actual instanceof Double a && Math.abs(e - a) <= 1e-6 * Math.max(1, Math.abs(e));
    }
    if (expected instanceof Instant e) {
      return actual instanceof Timestamp a && a.toInstant().equals(e);
    }
    return expected.equals(actual);
  }
}
