package io.userflow.core.training;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The point-in-time rules of a training set, in one place (docs/TRAINING_SETS.md states them with an example). A
 * feature row covers whole UTC days, so it is available from the end of its last day: for a label at time {@code t}
 * the last usable day is the UTC day before {@code t}'s. A label at exactly midnight may use the day that just ended.
 */
public final class PointInTime {
  private PointInTime() {}

  /** The last whole UTC day that ended at or before {@code labelTime}. */
  public static LocalDate lastUsableDay(Instant labelTime) {
    return labelTime.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
  }

  /**
   * The features {@code requested} of a table with {@code columns} ({@code *}: every column but the key and the
   * date column, in table order), without repeats; refuses a table that is not a feature table, a missing key column
   * and an unknown feature, naming the table's features.
   */
  public static java.util.List<String> features(String table, java.util.List<String> columns, String keyColumn,
      java.util.List<String> requested) {
    TableKind kind = TableKind.ofColumns(table, columns);
    if (!columns.contains(keyColumn)) {
      throw new IllegalArgumentException("table " + table + " has no key column " + keyColumn);
    }
    java.util.List<String> all = columns.stream().filter(c -> !c.equals(keyColumn) && !c.equals(kind.dateColumn()))
        .toList();
    java.util.LinkedHashSet<String> features = new java.util.LinkedHashSet<>();
    for (String f : requested) {
      if (f.equals("*")) {
        features.addAll(all);
      } else if (all.contains(f)) {
        features.add(f);
      } else {
        throw new IllegalArgumentException("table " + table + " has no feature " + f + "; its features: " + all);
      }
    }
    return java.util.List.copyOf(features);
  }

  /** How a feature table's rows are keyed in time, which decides which row a label gets. */
  public enum TableKind {
    /**
     * One row per entity and day of activity ({@code feature_date}): the label gets the newest row on or before its
     * last usable day, however old (the entity's last active day); null if the entity had no activity before.
     */
    DAILY_TILE("feature_date"),
    /**
     * One row per entity and day on which its window ends ({@code as_of_date}), present when the window holds any
     * activity: the label gets the row of exactly its last usable day; null if the window was empty. An older row
     * would describe a window that no longer reaches the label.
     */
    WINDOW("as_of_date");

    private final String dateColumn;

    TableKind(String dateColumn) {
      this.dateColumn = dateColumn;
    }

    public String dateColumn() {
      return dateColumn;
    }

    /** The kind of a table from its date column; a table with neither column is not a feature table. */
    public static TableKind ofColumns(String table, java.util.Collection<String> columns) {
      for (TableKind k : values()) {
        if (columns.contains(k.dateColumn)) {
          return k;
        }
      }
      throw new IllegalArgumentException("table " + table + " has neither a feature_date nor an as_of_date column,"
          + " so it is not a feature table; name a Gold table (e.g. user_daily_features, user_rolling_7d_features)");
    }
  }
}
