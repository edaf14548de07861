package io.userflow.core.training;

import io.userflow.core.layout.TableLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One requested feature of a training set: {@code TABLE.FEATURE}, or {@code TABLE.*} for every feature column of
 * the table. Its output column is {@code TABLE__FEATURE}, so features of two tables never collide.
 */
public record FeatureRef(String table, String feature) {
  public static final String ALL = "*";

  public FeatureRef {
    TableLayout.requireIdentifier("feature table", table);
    if (!ALL.equals(feature)) {
      TableLayout.requireIdentifier("feature of " + table, feature);
    }
  }

  /** Parses {@code TABLE.FEATURE} or {@code TABLE.*}; anything else names what was expected. */
  public static FeatureRef parse(String text) {
    String t = text.trim();
    int dot = t.indexOf('.');
    if (dot <= 0 || dot == t.length() - 1 || t.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("feature '" + text + "' must be TABLE.FEATURE or TABLE.* (e.g. "
          + TableLayout.DEFAULT_GOLD_ROLLING + ".purchase_count)");
    }
    return new FeatureRef(t.substring(0, dot), t.substring(dot + 1));
  }

  /** The requested features grouped by table, in the order first named; a feature named twice is kept once. */
  public static Map<String, List<String>> byTable(List<FeatureRef> refs) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (FeatureRef r : refs) {
      List<String> features = out.computeIfAbsent(r.table(), t -> new ArrayList<>());
      if (!features.contains(r.feature())) {
        features.add(r.feature());
      }
    }
    return out;
  }

  public boolean isAll() {
    return ALL.equals(feature);
  }

  /** The output column for {@code feature} of {@code table}. */
  public static String column(String table, String feature) {
    return table + "__" + feature;
  }
}
