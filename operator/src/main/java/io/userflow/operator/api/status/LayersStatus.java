package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Facts per table layer. */
public class LayersStatus {
  /** Bronze table. */
  @JsonPropertyDescription("Bronze table facts.")
  public LayerStatus bronze;

  /** Silver table. */
  @JsonPropertyDescription("Silver table facts.")
  public LayerStatus silver;

  /** Rejects table. */
  @JsonPropertyDescription("Rejects table facts.")
  public LayerStatus rejects;

  /** Gold daily table. */
  @JsonPropertyDescription("Gold daily table facts.")
  public LayerStatus goldDaily;

  /** Gold rolling table. */
  @JsonPropertyDescription("Gold rolling table facts.")
  public LayerStatus goldRolling;
}
