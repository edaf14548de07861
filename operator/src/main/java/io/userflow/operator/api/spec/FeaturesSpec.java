package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The pipeline's declared feature groups (docs/FEATURES.md): each a Gold table of its own beside the default ones,
 * computed incrementally from Silver, and rebuilt alone when its definition changes. The same shape as the
 * {@code groups:} of a file that {@code ./userflow demo --features} reads.
 */
public class FeaturesSpec {
  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Feature groups in order: a rolling group after the daily group it combines.")
  public List<FeatureGroupSpec> groups;
}
