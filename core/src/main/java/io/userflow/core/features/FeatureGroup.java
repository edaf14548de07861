package io.userflow.core.features;

import java.util.List;

/**
 * A Gold table declared as data: per entity key, either daily tiles of the events of each {@code event_date}
 * ({@code feature_date}), or a rolling window of {@code days} days ending on {@code as_of_date} over the rows of a
 * daily group ({@code tiles}).
 *
 * @param name the table's name
 * @param entity the event field that keys its rows
 * @param days the window's length in days; 1 for daily tiles
 * @param tiles the daily group a rolling window combines; null for daily tiles
 * @param features its columns after the entity and the date, in order
 * @param definition the group as written, in a canonical JSON form: what a table records as its definition, and
 *     what a changed definition is told from ({@link DefinitionVersions})
 */
public record FeatureGroup(String name, String entity, int days, String tiles, List<Feature> features,
    String definition) {
  /** The date column of daily tiles. */
  public static final String FEATURE_DATE = "feature_date";
  /** The date column of rolling windows. */
  public static final String AS_OF_DATE = "as_of_date";

  public FeatureGroup {
    features = List.copyOf(features);
  }

  public boolean isDaily() {
    return tiles == null;
  }

  public String dateColumn() {
    return isDaily() ? FEATURE_DATE : AS_OF_DATE;
  }

  public boolean hasSessionMeasures() {
    return features.stream().anyMatch(f -> !f.isDerived() && f.aggregation().isSessionMeasure());
  }
}
