package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * An inclusive range of UTC event dates to rebuild (a backfill). The order of the two ends is checked by the API
 * server (a CEL rule on ISO dates, which order as strings); the range's length limit stays in ReprocessValidator.
 */
@ValidationRule(value = "self.from <= self.to", message = "range.from must not be after range.to")
public class DateRangeSpec {
  @Required
  @Pattern(Patterns.DATE)
  @JsonPropertyDescription("First UTC event date to rebuild, inclusive (YYYY-MM-DD).")
  public String from;

  @Required
  @Pattern(Patterns.DATE)
  @JsonPropertyDescription("Last UTC event date to rebuild, inclusive (YYYY-MM-DD).")
  public String to;

  public static DateRangeSpec of(String from, String to) {
    DateRangeSpec r = new DateRangeSpec();
    r.from = from;
    r.to = to;
    return r;
  }
}
