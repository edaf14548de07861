package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.userflow.core.layout.TableLayout;

/** Table names per layer; defaults match core's TableLayout.defaults(). */
public class TablesSpec {
  @Default(TableLayout.DEFAULT_NAMESPACE)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Iceberg namespace of all tables.")
  public String namespace = TableLayout.DEFAULT_NAMESPACE;

  @Default(TableLayout.DEFAULT_BRONZE)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Bronze table: raw Kafka records as received.")
  public String bronze = TableLayout.DEFAULT_BRONZE;

  @Default(TableLayout.DEFAULT_SILVER)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Silver table: parsed, deduplicated, sessionized events.")
  public String silver = TableLayout.DEFAULT_SILVER;

  @Default(TableLayout.DEFAULT_REJECTS)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Rejects table: records Silver refused, with a reason code.")
  public String rejects = TableLayout.DEFAULT_REJECTS;

  @Default(TableLayout.DEFAULT_GOLD_DAILY)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Gold table of per-user daily features.")
  public String goldDaily = TableLayout.DEFAULT_GOLD_DAILY;

  @Default(TableLayout.DEFAULT_GOLD_ROLLING)
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Gold table of per-user rolling 7-day features.")
  public String goldRolling = TableLayout.DEFAULT_GOLD_ROLLING;
}
