package io.userflow.jobs.features;

import io.userflow.core.expr.Evaluator;
import io.userflow.core.expr.ExprType;
import io.userflow.core.features.Feature;
import io.userflow.core.features.FeatureGroup;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A feature group computed in plain Java with the reference {@link Evaluator}: what the Spark compilation must equal.
 * Rows are maps of column name to the evaluator's values; a group's rows are keyed by (entity, date). Session
 * measures are not modelled here.
 */
final class ReferenceFeatureGroups {
  private ReferenceFeatureGroups() {}

  record Key(String entity, LocalDate date) {}

  /** A daily group over events (each with an {@code event_date}); an event without the entity is in no row. */
  static Map<Key, Map<String, Object>> daily(FeatureGroup group, List<Map<String, Object>> events) {
    Map<Key, List<Map<String, Object>>> byKey = new TreeMap<>(Comparator.comparing(Key::entity).thenComparing(Key::date));
    for (Map<String, Object> e : events) {
      if (e.get(group.entity()) == null) {
        continue;
      }
      byKey.computeIfAbsent(new Key((String) e.get(group.entity()), (LocalDate) e.get("event_date")),
          k -> new ArrayList<>()).add(e);
    }
    return rows(group, byKey, LATEST_EVENT);
  }

  /** The order of {@code last} over events: event time, then event id. */
  private static final Comparator<Map<String, Object>> LATEST_EVENT = Comparator
      .comparing((Map<String, Object> r) -> (Instant) r.get("event_time")).thenComparing(r -> (String) r.get("event_id"));
  /** The order of {@code last} over a window's daily rows: their date. */
  private static final Comparator<Map<String, Object>> LATEST_DAY = Comparator
      .comparing((Map<String, Object> r) -> (LocalDate) r.get(FeatureGroup.FEATURE_DATE));

  /** A rolling group over its daily group's rows: every as_of date a daily row's window reaches. */
  static Map<Key, Map<String, Object>> rolling(FeatureGroup group, Map<Key, Map<String, Object>> daily) {
    Map<Key, List<Map<String, Object>>> byKey = new TreeMap<>(Comparator.comparing(Key::entity).thenComparing(Key::date));
    daily.forEach((k, row) -> {
      Map<String, Object> dated = new HashMap<>(row);
      dated.put(FeatureGroup.FEATURE_DATE, k.date());
      for (int i = 0; i < group.days(); i++) {
        byKey.computeIfAbsent(new Key(k.entity(), k.date().plusDays(i)), x -> new ArrayList<>()).add(dated);
      }
    });
    return rows(group, byKey, LATEST_DAY);
  }

  private static Map<Key, Map<String, Object>> rows(FeatureGroup group, Map<Key, List<Map<String, Object>>> byKey,
      Comparator<Map<String, Object>> latest) {
    Map<Key, Map<String, Object>> out = new LinkedHashMap<>();
    byKey.forEach((k, rows) -> {
      Map<String, Object> row = new HashMap<>();
      for (Feature f : group.features()) {
        row.put(f.name(), f.isDerived() ? Evaluator.evaluate(f.expression(), row) : aggregate(f, rows, latest));
      }
      out.put(k, row);
    });
    return out;
  }

  private static Object aggregate(Feature f, List<Map<String, Object>> rows, Comparator<Map<String, Object>> latest) {
    List<Map<String, Object>> kept = rows.stream().filter(r -> f.filter() == null || Evaluator.matches(f.filter(), r))
        .toList();
    List<Object> values = kept.stream().map(r -> f.expression() == null ? 1L : Evaluator.evaluate(f.expression(), r))
        .filter(Objects::nonNull).toList();
    return switch (f.aggregation()) {
      case COUNT -> (long) values.size();
      case SUM -> values.stream().reduce(f.type() == ExprType.DECIMAL ? BigDecimal.ZERO : (Object) 0L,
          ReferenceFeatureGroups::add);
      case MIN -> values.stream().min(ReferenceFeatureGroups::compare).orElse(null);
      case MAX -> values.stream().max(ReferenceFeatureGroups::compare).orElse(null);
      case AVG -> values.isEmpty() ? null
          : values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum() / values.size();
      case COUNT_DISTINCT -> (long) new HashSet<>(values).size();
      case LAST -> kept.stream().max(latest).map(r -> Evaluator.evaluate(f.expression(), r)).orElse(null);
      case SESSIONS, AVG_SESSION_SECONDS -> throw new UnsupportedOperationException("not modelled");
    };
  }

  private static Object add(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x + y;
    }
    return new BigDecimal(a.toString()).add(new BigDecimal(b.toString()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** A table's rows by key, each as its features' values in order, normalised ({@link #normal}). */
  static Map<Key, List<Object>> collect(FeatureGroup group, Dataset<Row> rows) {
    Map<Key, List<Object>> out = new HashMap<>();
    for (Row row : rows.collectAsList()) {
      List<Object> values = new ArrayList<>();
      group.features().forEach(f -> values.add(normal(row.getAs(f.name()))));
      out.put(new Key(row.getAs(group.entity()), ((Date) row.getAs(group.dateColumn())).toLocalDate()), values);
    }
    return out;
  }

  static Map<Key, List<Object>> normalized(FeatureGroup group, Map<Key, Map<String, Object>> rows) {
    Map<Key, List<Object>> out = new HashMap<>();
    rows.forEach((k, row) -> {
      List<Object> values = new ArrayList<>();
      group.features().forEach(f -> values.add(normal(row.get(f.name()))));
      out.put(k, values);
    });
    return out;
  }

  /** One representation per value: decimals without trailing zeros, instants for timestamps, longs for integers. */
  static Object normal(Object v) {
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return v;
  }
}
