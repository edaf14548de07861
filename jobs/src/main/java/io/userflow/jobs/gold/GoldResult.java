package io.userflow.jobs.gold;

import io.userflow.core.features.DefinitionChange;
import io.userflow.core.planner.RunPlan;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * What a Gold run did.
 *
 * @param plan the plan it executed
 * @param allPartitions true when every partition was rebuilt
 * @param dailyDates feature_date partitions rewritten (empty with allPartitions)
 * @param rollingDates as_of_date partitions rewritten (empty with allPartitions)
 * @param dailyRows rows written to the daily table
 * @param rollingRows rows written to the rolling table
 * @param rowsRecomputed daily and rolling rows recomputed: every row of the dates the run rewrites (a whole-date run
 *     writes all of them; a row-level run only those that differ from the stored row)
 * @param dailySnapshotId daily table snapshot after the run
 * @param rollingSnapshotId rolling table snapshot after the run
 * @param declared what the run did to each declared feature group's table, in definition order
 */
public record GoldResult(RunPlan plan, boolean allPartitions, SortedSet<LocalDate> dailyDates,
    SortedSet<LocalDate> rollingDates, long dailyRows, long rollingRows, long rowsRecomputed,
    Long dailySnapshotId, Long rollingSnapshotId, List<Declared> declared) {
  public GoldResult {
    declared = declared == null ? List.of() : List.copyOf(declared);
  }

  /**
   * One declared table.
   *
   * @param table its name
   * @param change how its definition compared with the recorded one
   * @param full whether every row was rewritten
   * @param dates partitions rewritten when not full
   * @param rowsWritten rows the commit wrote (0: nothing on its dates changed, no commit)
   */
  public record Declared(String table, DefinitionChange.Kind change, boolean full, int dates, long rowsWritten) {}
}
