package io.userflow.jobs.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a training-set run produced, printed as its last output line. The snapshot ids reproduce it exactly: in
 * event-time mode pass them back as {@code --snapshot TABLE=ID}; as known at a time, the labels' times pick them.
 *
 * @param mode {@code event-time} or {@code as-known-at}
 * @param firstLabel the earliest label time, null without rows
 * @param lastLabel the latest label time, null without rows
 * @param nulls per output feature column, the rows it is null in (no feature row for the label)
 * @param snapshots per feature table, the snapshot ids read, ascending
 */
public record TrainingSetResult(String mode, String entities, String out, long rowsIn, long rowsOut, Instant firstLabel,
    Instant lastLabel, Map<String, Long> nulls, Map<String, List<Long>> snapshots) {}
