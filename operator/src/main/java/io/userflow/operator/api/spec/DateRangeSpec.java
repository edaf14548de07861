package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An inclusive range of UTC event dates to rebuild (a backfill). */
public class DateRangeSpec {
  /** First event date, inclusive. */
  @Required
  @Pattern(Patterns.DATE)
  @JsonPropertyDescription("First UTC event date to rebuild, inclusive (YYYY-MM-DD).")
  public String from;

  /** Last event date, inclusive. */
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
