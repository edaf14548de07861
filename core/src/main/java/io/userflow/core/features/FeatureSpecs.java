package io.userflow.core.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The YAML shape of a definition file, as written; {@link FeatureGroupBinder} turns it into {@link FeatureGroup}s. */
final class FeatureSpecs {
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private FeatureSpecs() {}

  /** One group as compact JSON, keys in the order of the records, absent values left out. */
  static String canonical(Group group) {
    try {
      return JSON.writeValueAsString(group);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A group back from {@link #canonical}. */
  static Group fromCanonical(String json) {
    try {
      return JSON.readValue(json, Group.class);
    } catch (JsonProcessingException e) {
      throw new FeatureDefinitionException("not a recorded feature group definition: " + e.getOriginalMessage(), e);
    }
  }

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
