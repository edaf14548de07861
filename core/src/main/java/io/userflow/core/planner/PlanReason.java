package io.userflow.core.planner;

/** Why the planner chose a mode. Stable codes: they appear in CR status, snapshot summaries and metrics. */
public enum PlanReason {
  /** The target has no lineage from an earlier run. */
  NO_PREVIOUS_RUN,
  /** The source table has no snapshot yet. */
  SOURCE_EMPTY,
  /** The last processed snapshot is the current one. */
  NO_NEW_SNAPSHOTS,
  /** Only compactions (data-neutral replace snapshots) since the last processed one: nothing new to process. */
  ONLY_COMPACTIONS,
  /** Only append snapshots since the last processed one. */
  APPENDS_ONLY,
  /** The last processed snapshot was expired from the source table. */
  LAST_PROCESSED_EXPIRED,
  /** The last processed snapshot is not an ancestor of the current one (the source was rolled back). */
  NOT_AN_ANCESTOR,
  /** A snapshot in range rewrote or deleted data (overwrite, delete, replace). */
  NON_APPEND_IN_RANGE,
  /** The upstream userflow stage rebuilt its whole table, so every downstream row may have changed. */
  UPSTREAM_FULL_REBUILD,
  /** The transform version differs from the one that wrote the target. */
  TRANSFORM_VERSION_CHANGED,
  /**
   * Silver: the event declaration changed a field's type or rules, or the accepted event types, since the run that
   * wrote the target (the message names what changed), so earlier rows may be valid or rejected differently.
   */
  EVENTS_CHANGED,
  /** The request asked for FULL. */
  FORCED_BY_REQUEST,
  /** The new records are a larger share of the table than the full-rebuild threshold. */
  DELTA_TOO_LARGE,
  /** The request names an event-date range: rebuild exactly those partitions. */
  DATE_RANGE_REQUESTED,
  /**
   * Gold: a declared feature group is new or its definition changed since its table was written; that table alone
   * is rebuilt in full ({@link RunPlan#rebuilds()}), the others stay incremental.
   */
  DEFINITION_CHANGED
}
