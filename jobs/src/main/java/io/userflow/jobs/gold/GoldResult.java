package io.userflow.jobs.gold;

import io.userflow.core.planner.RunPlan;
import java.time.LocalDate;
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
 * @param keysRecomputed daily and rolling rows recomputed: the changed keys (a whole-date run writes all of them; a
 *     run by keys writes only those that differ from the stored row)
 * @param dailySnapshotId daily table snapshot after the run
 * @param rollingSnapshotId rolling table snapshot after the run
 */
public record GoldResult(RunPlan plan, boolean allPartitions, SortedSet<LocalDate> dailyDates,
    SortedSet<LocalDate> rollingDates, long dailyRows, long rollingRows, long keysRecomputed,
    Long dailySnapshotId, Long rollingSnapshotId) {}
