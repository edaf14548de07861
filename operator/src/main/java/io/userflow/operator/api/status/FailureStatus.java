package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.userflow.operator.api.spec.Stage;

/** Why a Reprocess failed and how to resume it. */
public class FailureStatus {
  @JsonPropertyDescription("Failed stage; absent when it failed before running (invalid spec, unknown pipeline).")
  public Stage stage;

  @JsonPropertyDescription("CamelCase reason code.")
  public String reason;

  @JsonPropertyDescription("What went wrong.")
  public String message;

  @JsonPropertyDescription("What a resumed run rewrites.")
  public RecoveryUnit recoveryUnit;

  @JsonPropertyDescription("What to do next.")
  public String nextStep;
}
