package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a resumed run must rewrite: the partitions the failed stage was writing. */
public class RecoveryUnit {
  @JsonPropertyDescription("SessionPartitions (Silver), AggregatePartitions (Gold), SourceSnapshots, WholeTable or "
      + "Maintenance (the maintenance stage itself).")
  public RecoveryUnitKind kind;

  @JsonPropertyDescription("Source snapshot range the stage was processing.")
  public String sourceSnapshots;

  @JsonPropertyDescription("Silver session partitions (event dates) as compact date ranges.")
  public String sessionDates;

  @JsonPropertyDescription("Gold daily aggregate partitions (feature dates) as compact date ranges.")
  public String dailyDates;

  @JsonPropertyDescription("Gold rolling aggregate partitions (as-of dates) as compact date ranges.")
  public String rollingDates;

  @JsonPropertyDescription("One sentence for a person.")
  public String description;
}
