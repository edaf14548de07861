package io.userflow.core.planner;

/** What a run will do. */
public enum PlanMode {
  /** Nothing new to process. */
  NOOP,
  /** Process only the source snapshots appended since the last run. */
  INCREMENTAL,
  /** Rebuild from the whole source table (or from the whole source for the requested date range). */
  FULL
}
