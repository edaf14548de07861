package io.userflow.operator.iceberg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.layout.TableLayout;
import io.userflow.operator.api.spec.FeaturePipelineSpec;

/**
 * A pipeline's tables as core's {@link TableLayout}, and its declared feature groups as core's {@link DeclaredGroups},
 * so the operator asks core's rules what the jobs ask. Pure.
 */
public final class Layouts {
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Layouts() {}

  /**
   * {@code spec.features} as the text the Gold job takes ({@link io.userflow.core.contract.JobOptions#FEATURE_GROUPS}):
   * JSON of the same shape as a definition file; null when the pipeline declares no group.
   */
  public static String featureGroups(FeaturePipelineSpec spec) {
    return json(spec.features);
  }

  /**
   * The declared groups, bound to the event fields; none when the pipeline declares none.
   *
   * @throws io.userflow.core.features.FeatureDefinitionException naming the group, feature and position of a problem
   */
  public static DeclaredGroups declared(FeaturePipelineSpec spec) {
    return DeclaredGroups.of(events(spec), featureGroups(spec), of(spec).allTables());
  }

  /**
   * {@code spec.events} as the text Silver and Gold take ({@link io.userflow.core.contract.JobOptions#EVENTS}); null
   * when the pipeline declares nothing about its events.
   */
  public static String eventsText(FeaturePipelineSpec spec) {
    return json(spec.events);
  }

  /** A spec section as the JSON a job parses, absent values left out; null for an absent section. */
  private static String json(Object section) {
    if (section == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(section);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The event declaration; today's contract when none is declared.
   *
   * @throws io.userflow.core.events.EventDeclarationException naming the field of a problem
   */
  public static EventDeclaration events(FeaturePipelineSpec spec) {
    String text = eventsText(spec);
    return text == null ? EventDeclaration.defaults() : EventDeclaration.parse(text);
  }

  public static TableLayout of(FeaturePipelineSpec spec) {
    var t = spec.tables;
    return new TableLayout(spec.catalog.name, t.namespace, t.bronze, t.silver, t.rejects, t.goldDaily, t.goldRolling);
  }
}
