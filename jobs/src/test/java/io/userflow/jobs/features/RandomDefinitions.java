package io.userflow.jobs.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random feature definitions over Silver's fields: a daily group (keyed by user_id or product_id) with random
 * aggregations, expressions and filters, and a window of random length over it. Only aggregations whose result does
 * not depend on the order rows are added in (no floating-point sums), so Spark and the reference evaluator agree
 * exactly. The YAML is printed by the tests that use it, so a failing seed can be read and replayed.
 */
public final class RandomDefinitions {
  private static final String[] TYPES = {"page_view", "product_view", "search", "add_to_cart", "purchase", "login"};

  private final Random random;

  public RandomDefinitions(long seed) {
    this.random = new Random(seed);
  }

  /** Two groups, {@code <prefix>_daily} and {@code <prefix>_window}, as the lines under a file's {@code groups:}. */
  public String groups(String prefix) {
    String entity = random.nextInt(3) == 0 ? "product_id" : "user_id";
    List<String> daily = new ArrayList<>();
    List<String> summable = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    int n = 2 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String name = "f" + i;
      switch (random.nextInt(6)) {
        case 0 -> {
          daily.add(feature(name, "count", null, filter()));
          summable.add(name);
          counts.add(name);
        }
        case 1 -> {
          daily.add(feature(name, "sum", pick("price", "quantity", "price * coalesce(quantity, 1)", "quantity + 1",
              "abs(quantity - 2)"), maybeFilter()));
          summable.add(name);
        }
        case 2 -> daily.add(feature(name, pick("min", "max"), pick("price", "event_time", "quantity", "page"),
            maybeFilter()));
        case 3 -> {
          daily.add(feature(name, "count_distinct", pick("page", "lower(product_id)", "event_type", "hour(event_time)"),
              maybeFilter()));
          summable.add(name);
          counts.add(name);
        }
        case 4 -> daily.add(feature(name, "last", pick("page", "event_type", "price", "upper(device)"), maybeFilter()));
        default -> daily.add(feature(name, "avg", pick("quantity", "length(page)"), maybeFilter()));
      }
    }
    daily.add("      - {name: flag, derived: \"" + (summable.isEmpty() ? "TRUE" : summable.get(0) + " > 1") + "\"}");
    if (counts.isEmpty()) {
      daily.add(feature("rows", "count", null, null));
      summable.add("rows");
      counts.add("rows");
    }
    List<String> window = new ArrayList<>();
    window.add(feature("days_seen", "count", null, null));
    for (String s : summable) {
      window.add(feature(s + "_sum", "sum", s, null));
      window.add(feature(s + "_max", pick("min", "max"), s, null));
    }
    window.add(feature("busy_days", "count", null, summable.get(0) + " >= " + random.nextInt(3)));
    // the window's own averages, distinct values and latest values over the daily rows (integer counts: their
    // average is exact in a double whatever the order)
    String c = counts.get(random.nextInt(counts.size()));
    window.add(feature(c + "_avg", "avg", c, maybeWindowFilter(c)));
    window.add(feature(c + "_kinds", "count_distinct", c, maybeWindowFilter(c)));
    window.add(feature("latest_" + c, "last", c + " + 1", maybeWindowFilter(c)));
    window.add(feature("latest_flag", "last", "flag", null));
    return "  - name: " + prefix + "_daily\n    entity: " + entity + "\n    features:\n" + String.join("\n", daily)
        + "\n  - name: " + prefix + "_window\n    entity: " + entity + "\n    grain: rolling\n    days: "
        + (1 + random.nextInt(30)) + "\n    of: " + prefix + "_daily\n    features:\n" + String.join("\n", window) + "\n";
  }

  private String maybeWindowFilter(String count) {
    return random.nextBoolean() ? count + " > " + random.nextInt(3) : null;
  }

  private String maybeFilter() {
    return random.nextBoolean() ? filter() : null;
  }

  private String filter() {
    String atom = atom();
    return switch (random.nextInt(4)) {
      case 0 -> atom + " AND " + atom();
      case 1 -> atom + " OR " + atom();
      case 2 -> "NOT (" + atom + ")";
      default -> atom;
    };
  }

  private String atom() {
    return switch (random.nextInt(7)) {
      case 0 -> "event_type = '" + pick(TYPES) + "'";
      case 1 -> "event_type IN ('" + pick(TYPES) + "', '" + pick(TYPES) + "')";
      case 2 -> "price >= " + random.nextInt(200);
      case 3 -> "quantity IS NULL";
      case 4 -> "page IS NOT NULL";
      case 5 -> "hour(event_time) BETWEEN " + random.nextInt(12) + " AND " + (12 + random.nextInt(12));
      default -> "coalesce(quantity, 1) > " + random.nextInt(3);
    };
  }

  private static String feature(String name, String aggregation, String expression, String filter) {
    return "      - {name: " + name + ", aggregation: " + aggregation
        + (expression == null ? "" : ", expression: \"" + expression + "\"")
        + (filter == null ? "" : ", filter: \"" + filter + "\"") + "}";
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}
