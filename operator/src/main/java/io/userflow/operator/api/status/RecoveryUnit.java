package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a resumed run must rewrite: the partitions the failed stage was writing. */
public class RecoveryUnit {
  /** SessionPartitions (Silver), AggregatePartitions (Gold), SourceSnapshots, WholeTable or Maintenance. */
  @JsonPropertyDescription("SessionPartitions (Silver), AggregatePartitions (Gold), SourceSnapshots, WholeTable or "
      + "Maintenance (the maintenance stage itself).")
  public RecoveryUnitKind kind;

  /** Source snapshot range the stage was processing. */
  @JsonPropertyDescription("Source snapshot range the stage was processing.")
  public String sourceSnapshots;

  /** Silver session partitions (event dates). */
  @JsonPropertyDescription("Silver session partitions (event dates) as compact date ranges.")
  public String sessionDates;

  /** Gold daily aggregate partitions. */
  @JsonPropertyDescription("Gold daily aggregate partitions (feature dates) as compact date ranges.")
  public String dailyDates;

  /** Gold rolling aggregate partitions. */
  @JsonPropertyDescription("Gold rolling aggregate partitions (as-of dates) as compact date ranges.")
  public String rollingDates;

  /** One sentence for a person. */
  @JsonPropertyDescription("One sentence for a person.")
  public String description;
}
