package io.userflow.operator.api.spec;

import io.userflow.core.contract.JobMains;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StageStatus;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Batch stages a Reprocess can run, in run order. Each constant is also the one description of its stage that the
 * operator reads: the job's main class, the phase it runs in, its slot in the Reprocess status and, for a planned
 * stage, the tables it reads and records its lineage in.
 */
public enum Stage {
  Silver(new Descriptor(JobMains.SILVER, ReprocessPhase.RunningSilver, s -> s.silver, (s, run) -> s.silver = run,
      TableLayout::bronze, TableLayout::silverLineageTable, StagePlanning::silver)),
  Gold(new Descriptor(JobMains.GOLD, ReprocessPhase.RunningGold, s -> s.gold, (s, run) -> s.gold = run,
      TableLayout::silver, TableLayout::goldLineageTable, StagePlanning::gold)),
  /** Compaction and snapshot expiry of the pipeline's tables; runs last and has no plan of its own. */
  Maintenance(new Descriptor(JobMains.MAINTENANCE, ReprocessPhase.RunningMaintenance, s -> s.maintenance,
      (s, run) -> s.maintenance = run, null, null, null));

  /** Core's planning rule of a planned stage. */
  @FunctionalInterface
  private interface Planner {
    RunPlan plan(SourceHistory source, SourceHistory lineage, PlanRequest request);
  }

  /**
   * What the operator reads of a stage.
   *
   * @param mainClass the main class of the stage's Spark job
   * @param running the Reprocess phase in which its SparkApplication runs
   * @param slot its run in a Reprocess status
   * @param fill sets its run in a Reprocess status
   * @param sourceTable the table it reads; null without a plan
   * @param lineageTable the table holding its lineage; null without a plan
   * @param planner core's planning rule; null without a plan
   */
  private record Descriptor(String mainClass, ReprocessPhase running, Function<ReprocessStatus, StageStatus> slot,
      BiConsumer<ReprocessStatus, StageStatus> fill, Function<TableLayout, String> sourceTable,
      Function<TableLayout, String> lineageTable, Planner planner) {}

  private final Descriptor d;

  Stage(Descriptor d) {
    this.d = d;
  }

  /** Whether the stage runs by an Iceberg plan (NOOP, INCREMENTAL or FULL); Maintenance just runs. */
  public boolean planned() {
    return d.lineageTable() != null;
  }

  /** Lower-case name used in child names, labels and snapshot summaries. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The main class of the stage's Spark job. */
  public String mainClass() {
    return d.mainClass();
  }

  /** The Reprocess phase in which the stage's SparkApplication runs. */
  public ReprocessPhase runningPhase() {
    return d.running();
  }

  /** The stage whose SparkApplication runs in {@code phase}, or null when none does. */
  public static Stage runningIn(ReprocessPhase phase) {
    for (Stage stage : values()) {
      if (stage.d.running() == phase) {
        return stage;
      }
    }
    return null;
  }

  /** The stage's run in {@code status}, or null when it has none yet. */
  public StageStatus run(ReprocessStatus status) {
    return d.slot().apply(status);
  }

  /** The stage's run in {@code status}, created on first use. */
  public StageStatus runOrNew(ReprocessStatus status) {
    StageStatus run = d.slot().apply(status);
    if (run == null) {
      run = new StageStatus();
      d.fill().accept(status, run);
    }
    return run;
  }

  /** Whether a planned stage reads Bronze, the table only the streaming job writes. */
  public boolean readsBronze() {
    TableLayout layout = TableLayout.defaults();
    return planned() && sourceTable(layout).equals(layout.bronze());
  }

  /** The table a planned stage reads. */
  public String sourceTable(TableLayout layout) {
    return planned(d.sourceTable()).apply(layout);
  }

  /** The table holding a planned stage's lineage, by core's rule (the one the jobs plan from). */
  public String lineageTable(TableLayout layout) {
    return planned(d.lineageTable()).apply(layout);
  }

  /** A planned stage's plan by core's rule, from its source table's history and its lineage table's. */
  public RunPlan plan(SourceHistory source, SourceHistory lineage, PlanRequest request) {
    return planned(d.planner()).plan(source, lineage, request);
  }

  private <T> T planned(T tableOf) {
    if (tableOf == null) {
      throw new IllegalArgumentException(this + " has no plan and writes no lineage of its own");
    }
    return tableOf;
  }
}
