package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Partitions a run rewrites, as compact date ranges such as 2026-11-01..2026-11-03,2026-11-07. */
public class PartitionsStatus {
  @JsonPropertyDescription("True for a whole-table rebuild.")
  public boolean all;

  @JsonPropertyDescription("Short description, e.g. '3 event dates 2026-11-01..2026-11-03'.")
  public String description;

  @JsonPropertyDescription("Silver event_date (session) partitions as compact date ranges.")
  public String silverDates;

  @JsonPropertyDescription("Gold daily feature_date partitions as compact date ranges.")
  public String goldDailyDates;

  @JsonPropertyDescription("Gold rolling as_of_date partitions as compact date ranges.")
  public String goldRollingDates;
}
