package io.userflow.operator.api.spec;

/** What a Reprocess asks the planner for. */
public enum ReprocessMode {
  /** Let the planner choose NOOP, INCREMENTAL or FULL. */
  Auto,
  /** Prefer incremental; the planner still chooses FULL when incremental would be wrong. */
  Incremental,
  /** Rebuild everything. */
  Full
}
