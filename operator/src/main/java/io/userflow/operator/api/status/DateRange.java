package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An inclusive range of event dates. */
public class DateRange {
  /** First date, inclusive. */
  @JsonPropertyDescription("First event date, inclusive (yyyy-MM-dd).")
  public String from;

  /** Last date, inclusive. */
  @JsonPropertyDescription("Last event date, inclusive (yyyy-MM-dd).")
  public String to;

  public static DateRange of(String from, String to) {
    DateRange range = new DateRange();
    range.from = from;
    range.to = to;
    return range;
  }
}
