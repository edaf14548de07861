package io.userflow.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time-travel clauses of a Spark SQL query ({@code t VERSION AS OF 123}, {@code t TIMESTAMP AS OF '2026-11-05'}),
 * so {@code sql} can check them against the table's history before Spark runs and say what the earliest snapshot is.
 * A quoted {@code VERSION AS OF 'name'} is a branch or tag and is left to Spark, as are expressions.
 */
final class TimeTravelClauses {
  private static final Pattern CLAUSE = Pattern.compile(
      "([A-Za-z_][\\w.]*)\\s+(?:FOR\\s+SYSTEM_(?:VERSION|TIME)\\s+)?(VERSION|TIMESTAMP)\\s+AS\\s+OF\\s+(?:'([^']*)'|(\\d+))",
      Pattern.CASE_INSENSITIVE);

  private TimeTravelClauses() {}

  /**
   * One clause.
   *
   * @param table the table as written: {@code t}, {@code ns.t} or {@code catalog.ns.t}
   * @param reference the snapshot id or time
   */
  record Clause(String table, String reference) {}

  static List<Clause> find(String sql) {
    List<Clause> out = new ArrayList<>();
    Matcher m = CLAUSE.matcher(sql);
    while (m.find()) {
      boolean version = m.group(2).equalsIgnoreCase("VERSION");
      String ref = m.group(4) != null ? m.group(4) : m.group(3);
      if (!version || ref.matches("\\d+")) {
        out.add(new Clause(m.group(1), ref));
      }
    }
    return out;
  }

  /** {@code namespace.table} of a name written as {@code t}, {@code ns.t} or {@code catalog.ns.t}. */
  static String qualified(String written, String catalog, String namespace) {
    String[] parts = written.split("\\.");
    if (parts.length == 3 && parts[0].equals(catalog)) {
      return parts[1] + "." + parts[2];
    }
    return parts.length == 1 ? namespace + "." + written : written;
  }
}
