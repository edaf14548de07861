package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Set;

/** v1beta2 ApplicationStateType. Unknown future values read as UNKNOWN; the empty "new" state reads as null. */
public enum AppState {
  SUBMITTED,
  RUNNING,
  COMPLETED,
  FAILED,
  SUBMISSION_FAILED,
  PENDING_RERUN,
  INVALIDATING,
  SUCCEEDING,
  FAILING,
  UNKNOWN;

  private static final Set<AppState> FAILED_FOR_GOOD = Set.of(FAILED, SUBMISSION_FAILED);

  @JsonCreator
  public static AppState from(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (AppState s : values()) {
      if (s.name().equals(value)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** Terminal failure: the spark-operator will not run this application again. */
  public boolean isFailed() {
    return FAILED_FOR_GOOD.contains(this);
  }
}
