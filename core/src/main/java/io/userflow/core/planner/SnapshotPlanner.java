package io.userflow.core.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses NOOP, INCREMENTAL or FULL from the source table's snapshot history and the lineage the target
 * table recorded. Pure: no catalog, no Spark, no clock. The checks run from the most to the least binding:
 * an explicit request, then anything that makes incremental wrong, then cost.
 */
public final class SnapshotPlanner {

  public RunPlan plan(SourceHistory source, TargetState target, PlanRequest request) {
    return plan(source, target, request, Optional.empty());
  }

  /**
   * As {@link #plan(SourceHistory, TargetState, PlanRequest)}, where {@code eventsChanged} says how the event
   * declaration changed since the target was written in a way that needs a FULL run (Silver only; empty: it did not).
   */
  public RunPlan plan(SourceHistory source, TargetState target, PlanRequest request, Optional<String> eventsChanged) {
    Optional<SnapshotFact> current = source.current();
    if (request.requested() == RequestedMode.FULL && request.range() == null) {
      return full(source, PlanReason.FORCED_BY_REQUEST, "Full rebuild requested.", AffectedPartitions.everything());
    }
    if (current.isEmpty()) {
      return noop(source, target, PlanReason.SOURCE_EMPTY,
          "Source table " + source.table() + " has no snapshot yet; nothing to process.");
    }
    if (!target.hasPreviousRun()) {
      return full(source, PlanReason.NO_PREVIOUS_RUN,
          "No earlier run is recorded in the target table; processing all of " + source.table() + ".",
          AffectedPartitions.everything());
    }
    if (!request.transformVersion().equals(target.transformVersion())) {
      return full(source, PlanReason.TRANSFORM_VERSION_CHANGED,
          "Transform version changed from " + target.transformVersion() + " to " + request.transformVersion()
              + "; every row must be recomputed.", AffectedPartitions.everything());
    }
    if (eventsChanged.isPresent()) {
      return full(source, PlanReason.EVENTS_CHANGED, "The event declaration changed: " + eventsChanged.get()
          + "; every event must be validated again.", AffectedPartitions.everything());
    }
    long last = target.lastProcessedSourceSnapshotId();
    if (source.snapshot(last).isEmpty()) {
      return full(source, PlanReason.LAST_PROCESSED_EXPIRED, "Last processed snapshot " + last
          + " was expired from " + source.table() + "; the new data cannot be isolated.", AffectedPartitions.everything());
    }
    if (last == current.get().snapshotId() && request.range() == null) {
      return noop(source, target, PlanReason.NO_NEW_SNAPSHOTS,
          "No new snapshots in " + source.table() + " since " + last + ".");
    }
    List<SnapshotFact> range = rangeAfter(source.currentAncestry(), last);
    if (range == null) {
      return full(source, PlanReason.NOT_AN_ANCESTOR, "Last processed snapshot " + last
          + " is not an ancestor of current snapshot " + current.get().snapshotId() + " (the source was rolled back).",
          AffectedPartitions.everything());
    }
    if (request.range() != null) {
      return ranged(source, target, request.range(), range);
    }
    // a compaction in range changed no row: it neither forces FULL nor counts as delta
    List<SnapshotFact> changes = range.stream().filter(s -> !s.isDataNeutral()).toList();
    if (changes.isEmpty()) {
      return noop(source, target, PlanReason.ONLY_COMPACTIONS, "Only " + range.size() + " compaction(s) of "
          + source.table() + " since " + last + "; no data changed.");
    }
    for (SnapshotFact s : changes) {
      if (s.isUpstreamFullRebuild()) {
        return full(source, PlanReason.UPSTREAM_FULL_REBUILD, "Snapshot " + s.snapshotId() + " of " + source.table()
            + " is a full rebuild by the upstream stage; every downstream partition may have changed.",
            AffectedPartitions.everything());
      }
      if (!s.isAppend() && !s.declaresAffectedPartitions()) {
        return full(source, PlanReason.NON_APPEND_IN_RANGE, "Snapshot " + s.snapshotId() + " is a " + s.operation()
            + ", not an append; earlier rows may have changed.", AffectedPartitions.everything());
      }
    }
    long records = changes.stream().mapToLong(SnapshotFact::addedRecords).sum();
    long files = changes.stream().mapToLong(SnapshotFact::addedFiles).sum();
    long bytes = changes.stream().mapToLong(SnapshotFact::addedBytes).sum();
    long total = current.get().totalRecords();
    if (request.requested() == RequestedMode.AUTO && total > 0 && records > request.fullRebuildShare() * total) {
      return full(source, PlanReason.DELTA_TOO_LARGE, String.format(
          "%d records written since the last run are %.0f%% of the table, above the %.0f%% full-rebuild threshold.", records,
          100.0 * records / total, 100.0 * request.fullRebuildShare()), AffectedPartitions.everything());
    }
    return new RunPlan(PlanMode.INCREMENTAL, PlanReason.APPENDS_ONLY,
        changes.size() + " append snapshot(s) with " + records + " new records since " + last
            + (changes.size() < range.size() ? " (" + (range.size() - changes.size()) + " compaction(s) skipped)" : "")
            + ".", source.table(), last, current.get().snapshotId(), changes.size(), records, files, bytes,
        AffectedPartitions.none(), null);
  }

  /**
   * A date-range rebuild re-derives its dates from the source as of the snapshot the stage last processed, and
   * records that same snapshot: it never moves the lineage, so appends committed since (the pending delta, in or out
   * of the range) stay pending and the next run processes them. Reading the newer data instead would record it as
   * processed for the range only and lose it everywhere else. The stages run an AUTO pass first, so by the time a
   * backfill is planned in a job nothing is pending but what arrived meanwhile.
   */
  private static RunPlan ranged(SourceHistory source, TargetState target, DateRange range, List<SnapshotFact> after) {
    long last = target.lastProcessedSourceSnapshotId();
    SnapshotFact at = source.snapshot(last).orElseThrow();
    long pending = after.stream().filter(s -> !s.isDataNeutral()).count();
    return new RunPlan(PlanMode.FULL, PlanReason.DATE_RANGE_REQUESTED, "Rebuilding event dates " + range.from() + ".."
        + range.to() + " as requested, from " + source.table() + " snapshot " + last + " (the last one processed)"
        + (pending == 0 ? "." : "; the stage first processes the " + pending + " newer snapshot(s), then rebuilds the"
            + " dates from the snapshot that leaves processed."),
        source.table(), null, last, source.currentAncestry().size() - after.size(), at.totalRecords(), at.totalFiles(), at.totalBytes(),
        AffectedPartitions.forEventDates(range.days()), range);
  }

  /** Snapshots after {@code last} up to the current one, oldest first; null if {@code last} is not an ancestor. */
  private static List<SnapshotFact> rangeAfter(List<SnapshotFact> ancestry, long last) {
    List<SnapshotFact> out = new ArrayList<>();
    for (SnapshotFact s : ancestry) {
      if (s.snapshotId() == last) {
        java.util.Collections.reverse(out);
        return out;
      }
      out.add(s);
    }
    return null;
  }

  private static RunPlan full(SourceHistory source, PlanReason reason, String message, AffectedPartitions partitions) {
    Optional<SnapshotFact> current = source.current();
    return new RunPlan(PlanMode.FULL, reason, message, source.table(), null,
        current.map(SnapshotFact::snapshotId).orElse(null), source.currentAncestry().size(),
        current.map(SnapshotFact::totalRecords).orElse(0L), current.map(SnapshotFact::totalFiles).orElse(0L),
        current.map(SnapshotFact::totalBytes).orElse(0L), partitions, null);
  }

  private static RunPlan noop(SourceHistory source, TargetState target, PlanReason reason, String message) {
    return new RunPlan(PlanMode.NOOP, reason, message, source.table(), target.lastProcessedSourceSnapshotId(),
        source.currentSnapshotId(), 0, 0, 0, 0, AffectedPartitions.none(), null);
  }
}
