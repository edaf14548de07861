package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One declared feature group: its table, entity, grain and features (docs/FEATURES.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeatureGroupSpec {
  @Required
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The group's table name in the pipeline's namespace.")
  public String name;

  @Required
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The STRING event field that keys its rows (a rolling group: its daily group's entity).")
  public String entity;

  @Pattern("^(daily|rolling)$")
  @JsonPropertyDescription("daily (the default): one row per entity and event date; rolling: a window over a daily group.")
  public String grain;

  @Min(1)
  @Max(366)
  @JsonPropertyDescription("A rolling group's window in days, ending on as_of_date.")
  public Integer days;

  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The daily group a rolling group combines, declared before it.")
  public String of;

  @Required
  @Size(min = 1, max = 200)
  @JsonPropertyDescription("The group's features: its columns after the entity and the date, in order.")
  public List<FeatureSpec> features;
}
