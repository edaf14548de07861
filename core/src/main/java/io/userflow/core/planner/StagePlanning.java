package io.userflow.core.planner;

import io.userflow.core.features.DefinitionChange;
import io.userflow.core.features.DefinitionVersions;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.events.EventDeclarationException;
import io.userflow.core.lineage.LineageKeys;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How each batch stage is planned, from table metadata alone: the rules the jobs run by and the operator shows,
 * plans, gates and computes lag by. Silver reads Bronze; Gold reads Silver and takes its incremental partitions
 * from Silver's own lineage. Which table holds a stage's lineage is {@code TableLayout}'s rule. Pure.
 */
public final class StagePlanning {
  private static final SnapshotPlanner PLANNER = new SnapshotPlanner();

  private StagePlanning() {}

  /** What a stage's lineage table says about the last run that wrote it: its newest commit with lineage. */
  public static TargetState lineage(SourceHistory target) {
    return latestWithLineage(target)
        .map(s -> new TargetState(parseLong(s.summary().get(LineageKeys.SOURCE_SNAPSHOT_ID)),
            s.summary().get(LineageKeys.TRANSFORM_VERSION), s.snapshotId()))
        .orElse(TargetState.never());
  }

  /**
   * Source snapshots with data changes committed after the last one the stage processed: all of them when nothing
   * was processed or the processed one is no longer an ancestor. A compaction ({@link SnapshotFact#isDataNeutral()})
   * leaves nothing to process, so it is no lag.
   */
  public static int lag(SourceHistory source, SourceHistory lineageTable) {
    return pending(source, lineageTable).size();
  }

  /**
   * The source's snapshots the stage has yet to process, oldest first: those after its lineage that change data (a
   * compaction changes no row, so it is never pending).
   */
  public static List<SnapshotFact> pending(SourceHistory source, SourceHistory lineageTable) {
    return source.after(lineage(lineageTable).lastProcessedSourceSnapshotId()).stream()
        .filter(s -> !s.isDataNeutral()).toList();
  }

  /** Silver (or its rejects, each from its own lineage table) from Bronze, with today's event contract. */
  public static RunPlan silver(SourceHistory bronze, SourceHistory lineageTable, PlanRequest request) {
    return silver(bronze, lineageTable, request, EventDeclaration.defaults());
  }

  /**
   * Silver (or its rejects) from Bronze, validating with {@code events}: FULL ({@link PlanReason#EVENTS_CHANGED}) when
   * it changes a field's type or rules or the accepted event types since the declaration the lineage recorded
   * ({@link LineageKeys#EVENTS}; absent: the defaults).
   */
  public static RunPlan silver(SourceHistory bronze, SourceHistory lineageTable, PlanRequest request,
      EventDeclaration events) {
    return PLANNER.plan(bronze, lineage(lineageTable), request, eventsChanged(lineageTable, events));
  }

  /** How {@code events} differs from the declaration the last run with lineage recorded, where that needs FULL. */
  public static Optional<String> eventsChanged(SourceHistory lineageTable, EventDeclaration events) {
    Optional<SnapshotFact> last = latestWithLineage(lineageTable);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    String recorded = last.get().summary().get(LineageKeys.EVENTS);
    if (recorded == null) {
      return events.rebuildReason(EventDeclaration.defaults());
    }
    try {
      return events.rebuildReason(EventDeclaration.parse(recorded));
    } catch (EventDeclarationException e) {
      return Optional.of("the recorded declaration cannot be read (" + e.getMessage() + ")");
    }
  }

  /**
   * Gold from Silver. An incremental run's partitions are the event dates the Silver commits in its range
   * changed ({@link LineageKeys#AFFECTED_DATES}); none when those commits changed nothing (lineage only). A
   * row-level commit ({@link LineageKeys#CHANGE_UNIT}) changed those dates only at the keys its added rows name;
   * any other commit replaced its dates whole.
   */
  public static RunPlan gold(SourceHistory silver, SourceHistory lineageTable, PlanRequest request) {
    return gold(silver, lineageTable, request, List.of());
  }

  /**
   * {@link #gold(SourceHistory, SourceHistory, PlanRequest)} with the pipeline's declared feature groups as
   * {@link DefinitionVersions} found them: a new or changed group's table is rebuilt in full ({@link RunPlan#rebuilds()})
   * while the others follow the plan. With nothing new in Silver, the run is {@link PlanReason#DEFINITION_CHANGED}:
   * INCREMENTAL over no dates, so the default tables only record it, at the Silver snapshot they already reflect.
   */
  public static RunPlan gold(SourceHistory silver, SourceHistory lineageTable, PlanRequest request,
      List<DefinitionChange> declared) {
    List<DefinitionChange> rebuilds = declared.stream().filter(DefinitionChange::needsRebuild).toList();
    RunPlan plan = goldTables(silver, lineageTable, request);
    if (rebuilds.isEmpty()) {
      return plan;
    }
    String tables = rebuilds.stream().map(DefinitionChange::describe).collect(Collectors.joining("; "));
    boolean quiet = plan.isNoop() && (plan.reason() == PlanReason.NO_NEW_SNAPSHOTS
        || plan.reason() == PlanReason.ONLY_COMPACTIONS);
    if (quiet) {
      return new RunPlan(PlanMode.INCREMENTAL, PlanReason.DEFINITION_CHANGED, "Nothing new in " + silver.table()
          + "; rebuilding the declared feature table(s) whose definition is new or changed: " + tables + ".",
          plan.sourceTable(), plan.fromSnapshotExclusive(), plan.toSnapshotInclusive(), 0, 0, 0, 0,
          AffectedPartitions.none(), null, rebuilds);
    }
    if (plan.isNoop()) {
      return plan; // Silver is empty: nothing to build any table from yet
    }
    return new RunPlan(plan.mode(), plan.reason(), plan.message() + (plan.mode() == PlanMode.FULL ? "" : " Rebuilding in"
        + " full the declared feature table(s) whose definition is new or changed: " + tables + "."),
        plan.sourceTable(), plan.fromSnapshotExclusive(), plan.toSnapshotInclusive(), plan.snapshotCount(),
        plan.records(), plan.files(), plan.bytes(), plan.partitions(), plan.range(), rebuilds);
  }

  private static RunPlan goldTables(SourceHistory silver, SourceHistory lineageTable, PlanRequest request) {
    RunPlan plan = PLANNER.plan(silver, lineage(lineageTable), request);
    if (plan.mode() != PlanMode.INCREMENTAL) {
      return plan;
    }
    TreeSet<LocalDate> dates = new TreeSet<>();
    TreeSet<LocalDate> whole = new TreeSet<>();
    TreeSet<Long> rowLevel = new TreeSet<>();
    for (SnapshotFact s : silver.after(plan.fromSnapshotExclusive())) {
      if (s.isDataNeutral()) {
        continue; // a compaction of Silver changed no row and names no dates
      }
      SortedSet<LocalDate> changed = AffectedPartitions.parse(s.summary().get(LineageKeys.AFFECTED_DATES));
      dates.addAll(changed);
      if (LineageKeys.CHANGED_ROWS.equals(s.summary().get(LineageKeys.CHANGE_UNIT))) {
        rowLevel.add(s.snapshotId());
      } else {
        whole.addAll(changed);
      }
    }
    return new RunPlan(plan.mode(), plan.reason(), plan.message(), plan.sourceTable(), plan.fromSnapshotExclusive(),
        plan.toSnapshotInclusive(), plan.snapshotCount(), plan.records(), plan.files(), plan.bytes(),
        AffectedPartitions.forGold(dates, whole, rowLevel), plan.range());
  }

  /** The newest snapshot in the current ancestry that carries {@link LineageKeys#SOURCE_SNAPSHOT_ID}. */
  private static Optional<SnapshotFact> latestWithLineage(SourceHistory target) {
    return target.currentAncestry().stream()
        .filter(s -> parseLong(s.summary().get(LineageKeys.SOURCE_SNAPSHOT_ID)) != null)
        .findFirst();
  }

  private static Long parseLong(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
