package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Table names per layer; defaults match core's TableLayout.defaults(). */
public class TablesSpec {
  /** Namespace of all tables. */
  @Default("events")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Iceberg namespace of all tables.")
  public String namespace = "events";

  /** Bronze: raw Kafka records. */
  @Default("bronze_events")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Bronze table: raw Kafka records as received.")
  public String bronze = "bronze_events";

  /** Silver: parsed, deduplicated, sessionized events. */
  @Default("silver_events")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Silver table: parsed, deduplicated, sessionized events.")
  public String silver = "silver_events";

  /** Silver rejects with reason codes. */
  @Default("silver_rejects")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Rejects table: records Silver refused, with a reason code.")
  public String rejects = "silver_rejects";

  /** Gold per-user daily features. */
  @Default("user_daily_features")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Gold table of per-user daily features.")
  public String goldDaily = "user_daily_features";

  /** Gold per-user rolling 7-day features. */
  @Default("user_rolling_7d_features")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Gold table of per-user rolling 7-day features.")
  public String goldRolling = "user_rolling_7d_features";
}
