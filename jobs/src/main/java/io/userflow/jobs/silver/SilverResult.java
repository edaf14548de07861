package io.userflow.jobs.silver;

import io.userflow.core.planner.RunPlan;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a Silver run did, for the caller (CLI prints it as JSON, the operator reads the job's log, tests assert).
 *
 * @param plan the plan it executed
 * @param bronzeRows Bronze rows read
 * @param newEvents events added to Silver
 * @param rejects rejects produced
 * @param rejectsByReason rejects per reason code
 * @param duplicatesRemoved valid rows dropped as duplicates (within the batch and against earlier runs)
 * @param lateEvents new events that arrived over an hour after their event_time
 * @param affectedDates dates whose per-user features the run changed (event dates and session start dates)
 * @param rowsWritten rows the Silver commit wrote (a row-level run: new events and events whose session changed)
 * @param rowsInChangedSessions rows of the sessions the run changed, all of which a session rewrite would write
 * @param dedupeDatesRead the Silver dates whose ids dedupe read, as the event-id index named them; null when it
 *     read every date (no index, or not an incremental run)
 * @param gate the quality gate's verdict, null for NOOP
 * @param published whether main was fast-forwarded to the candidate
 * @param auditBranch the audit branch (kept for inspection when the gate failed)
 * @param silverSnapshotId main snapshot of Silver after the run
 */
public record SilverResult(RunPlan plan, long bronzeRows, long newEvents, long rejects, Map<String, Long> rejectsByReason,
    long duplicatesRemoved, long lateEvents, SortedSet<LocalDate> affectedDates, long rowsWritten,
    long rowsInChangedSessions, Integer dedupeDatesRead, QualityGate.Verdict gate,
    boolean published, String auditBranch, Long silverSnapshotId) {

  static SilverResult noop(RunPlan plan, Long silverSnapshotId) {
    return new SilverResult(plan, 0, 0, 0, Map.of(), 0, 0, new TreeSet<>(), 0, 0, null, new QualityGate.Verdict(true, List.of()),
        false, null, silverSnapshotId);
  }

  public boolean gateFailed() {
    return gate != null && !gate.passed();
  }
}
