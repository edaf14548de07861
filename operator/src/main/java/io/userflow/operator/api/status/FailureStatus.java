package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.userflow.operator.api.spec.Stage;

/** Why a Reprocess failed and how to resume it. */
public class FailureStatus {
  /** Failed stage; absent when the Reprocess failed before running (invalid spec, unknown pipeline). */
  @JsonPropertyDescription("Failed stage; absent when it failed before running (invalid spec, unknown pipeline).")
  public Stage stage;

  /** CamelCase reason code. */
  @JsonPropertyDescription("CamelCase reason code.")
  public String reason;

  /** What went wrong. */
  @JsonPropertyDescription("What went wrong.")
  public String message;

  /** What a resumed run rewrites. */
  @JsonPropertyDescription("What a resumed run rewrites.")
  public RecoveryUnit recoveryUnit;

  /** What to do next. */
  @JsonPropertyDescription("What to do next.")
  public String nextStep;
}
