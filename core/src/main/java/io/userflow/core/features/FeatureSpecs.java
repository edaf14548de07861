package io.userflow.core.features;

import java.util.List;

/** The YAML shape of a definition file, as written; {@link FeatureGroupBinder} turns it into {@link FeatureGroup}s. */
final class FeatureSpecs {
  private FeatureSpecs() {}

  /** A definition file: its groups, in order. */
  record File(List<Group> groups) {}

  /**
   * One group.
   *
   * @param grain {@code daily} or {@code rolling}
   * @param days a rolling window's length
   * @param of the daily group a rolling window combines
   */
  record Group(String name, String entity, String grain, Integer days, String of, List<Feature> features) {}

  /** One feature: {@code aggregation} (with {@code expression}, {@code filter}) or {@code derived}. */
  record Feature(String name, String aggregation, String expression, String filter, String derived) {}
}
