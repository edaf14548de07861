package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Partitions a run rewrites, as compact date ranges such as 2026-11-01..2026-11-03,2026-11-07. */
public class PartitionsStatus {
  /** Every partition (whole-table rebuild). */
  @JsonPropertyDescription("True for a whole-table rebuild.")
  public boolean all;

  /** Short description for a person. */
  @JsonPropertyDescription("Short description, e.g. '3 event dates 2026-11-01..2026-11-03'.")
  public String description;

  /** Silver event_date (session) partitions. */
  @JsonPropertyDescription("Silver event_date (session) partitions as compact date ranges.")
  public String silverDates;

  /** Gold daily feature_date partitions. */
  @JsonPropertyDescription("Gold daily feature_date partitions as compact date ranges.")
  public String goldDailyDates;

  /** Gold rolling as_of_date partitions. */
  @JsonPropertyDescription("Gold rolling as_of_date partitions as compact date ranges.")
  public String goldRollingDates;
}
