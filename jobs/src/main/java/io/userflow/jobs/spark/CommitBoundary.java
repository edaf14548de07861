package io.userflow.jobs.spark;

/**
 * The moments right after a stage made one of its Iceberg commits and before its next step: where a crash leaves
 * the tables in a state the next run has to repair. Listed in the order a run passes them.
 */
public enum CommitBoundary {
  /** Bronze: a micro-batch is in the Iceberg table, not yet in the checkpoint's commit log. */
  BRONZE_BATCH_COMMITTED,
  /** Silver: the Silver table's audit branch was created at main. */
  SILVER_BRANCH_CREATED,
  /** Silver: the rejects table's audit branch was created at main. */
  REJECTS_BRANCH_CREATED,
  /** Silver: the candidate events are committed on Silver's audit branch. */
  SILVER_CANDIDATE_WRITTEN,
  /** Silver: the candidate rejects are committed on the rejects' audit branch. */
  REJECTS_CANDIDATE_WRITTEN,
  /** Silver: the rejects' main was fast-forwarded to the audit branch, which still exists. */
  REJECTS_FAST_FORWARDED,
  /** Silver: the rejects are published (branch removed); Silver's main has not moved yet. */
  REJECTS_PUBLISHED,
  /** Silver: Silver's main was fast-forwarded to the audit branch, which still exists. */
  SILVER_FAST_FORWARDED,
  /** Silver: Silver is published (branch removed); the run is done. */
  SILVER_PUBLISHED,
  /** Gold: the daily and rolling features are committed on their audit branches; main of neither has moved. */
  GOLD_CANDIDATES_WRITTEN,
  /** Gold: the daily features are published; the rolling table, Gold's lineage, is not. */
  GOLD_DAILY_WRITTEN,
  /** Gold: the rolling features are published; the run is done. */
  GOLD_ROLLING_WRITTEN
}
