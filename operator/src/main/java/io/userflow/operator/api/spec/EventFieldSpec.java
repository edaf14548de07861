package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.math.BigDecimal;

/** One declared event field and its rules; a value breaking a rule rejects the event with a reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EventFieldSpec {
  @Required
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("The JSON key, and the Silver column.")
  public String name;

  @Required
  @Pattern("^(string|integer|decimal|boolean|timestamp)$")
  @JsonPropertyDescription("string, integer, decimal (with scale), boolean or timestamp (ISO-8601 with an offset).")
  public String type;

  @JsonPropertyDescription("Whether an event without it (absent or null) is rejected; default false.")
  public Boolean required;

  @JsonPropertyDescription("A string's longest length in characters.")
  public Integer maxLength;

  @JsonPropertyDescription("A decimal's decimal places.")
  public Integer scale;

  @JsonPropertyDescription("The smallest integer or decimal accepted.")
  public BigDecimal min;

  @JsonPropertyDescription("The largest integer or decimal accepted.")
  public BigDecimal max;
}
