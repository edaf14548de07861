package io.userflow.operator.api.spec;

import io.userflow.core.planner.RequestedMode;

/** What a Reprocess asks the planner for: core's {@link RequestedMode}, spelled as Kubernetes enums are. */
public enum ReprocessMode {
  /** Let the planner choose NOOP, INCREMENTAL or FULL. */
  Auto,
  /** Prefer incremental; the planner still chooses FULL when incremental would be wrong. */
  Incremental,
  /** Rebuild everything. */
  Full;

  /** The planner's request this mode is; a new constant fails to compile here until it is mapped. */
  public RequestedMode requested() {
    return switch (this) {
      case Auto -> RequestedMode.AUTO;
      case Incremental -> RequestedMode.INCREMENTAL;
      case Full -> RequestedMode.FULL;
    };
  }
}
