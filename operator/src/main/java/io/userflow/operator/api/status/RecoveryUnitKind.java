package io.userflow.operator.api.status;

/** What a resumed stage rewrites. */
public enum RecoveryUnitKind {
  /** Silver session partitions (event dates). */
  SessionPartitions,
  /** Gold daily and rolling aggregate partitions. */
  AggregatePartitions,
  /** The source snapshot range, appended again. */
  SourceSnapshots,
  /** The whole table (a FULL run). */
  WholeTable,
  /** The maintenance stage, run again from the start (safe: it changes no row). */
  Maintenance
}
