package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Facts per table layer. */
public class LayersStatus {
  @JsonPropertyDescription("Bronze table facts.")
  public LayerStatus bronze;

  @JsonPropertyDescription("Silver table facts.")
  public LayerStatus silver;

  @JsonPropertyDescription("Rejects table facts.")
  public LayerStatus rejects;

  @JsonPropertyDescription("Gold daily table facts.")
  public LayerStatus goldDaily;

  @JsonPropertyDescription("Gold rolling table facts.")
  public LayerStatus goldRolling;

  @JsonPropertyDescription("The declared feature groups' tables (spec.features), in definition order; absent when the "
      + "pipeline declares none.")
  public java.util.List<LayerStatus> declared;
}
