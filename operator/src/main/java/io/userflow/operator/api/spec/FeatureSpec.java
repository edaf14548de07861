package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One feature: an aggregation (of an expression, over the rows a filter keeps) or a value derived from earlier ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeatureSpec {
  @Required
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The column's name.")
  public String name;

  @JsonPropertyDescription("count, sum, min, max, avg, count_distinct, last, sessions or avg_session_seconds.")
  public String aggregation;

  @Size(max = 2000)
  @JsonPropertyDescription("What is aggregated: an expression over the event fields (a rolling group: the daily"
      + " group's features).")
  public String expression;

  @Size(max = 2000)
  @JsonPropertyDescription("Which rows count: a condition; rows where it is not TRUE are left out.")
  public String filter;

  @Size(max = 2000)
  @JsonPropertyDescription("Instead of an aggregation: an expression over the features before it in the group.")
  public String derived;
}
