package io.userflow.jobs.maintenance;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.TableDrops;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.maintenance.AuditBranches;
import io.userflow.core.maintenance.SnapshotRetention;
import io.userflow.core.planner.SourceHistory;
import io.userflow.jobs.silver.EventIdIndex;
import io.userflow.jobs.spark.IcebergTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewritePositionDeleteFiles;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * The maintenance stage: first the removed feature groups' tables asked for are dropped; then for each table of the
 * pipeline and of its declared groups that exists, Iceberg's {@code rewrite_data_files} (bin-pack, dangling
 * deletes removed), {@code rewrite_position_delete_files}, then {@code expire_snapshots} before the cut-off core's
 * {@link SnapshotRetention} computes, so the next incremental plan of every stage still finds what it reads. The
 * rewrites commit {@code replace} snapshots, which the planner treats as no change. Re-running it is safe.
 */
public final class MaintenanceStage {
  public static final String STAGE = "maintenance";

  /**
   * Tuning with defaults; see the CLI for descriptions.
   *
   * @param minInputFiles files a partition needs before its data or delete files are rewritten
   * @param retainLast snapshots of each table kept whatever their age
   * @param retention age under which no snapshot is expired
   * @param auditBranchRetention age of its newest commit after which a leftover audit branch is removed
   */
  public record Settings(int minInputFiles, int retainLast, Duration retention, Duration auditBranchRetention) {
    public Settings {
      if (minInputFiles < 1 || retainLast < 1 || retention.isNegative()) {
        throw new IllegalArgumentException("min input files and retain-last must be at least 1 and retention not "
            + "negative, got " + minInputFiles + ", " + retainLast + ", " + retention);
      }
      if (auditBranchRetention.compareTo(Duration.ofHours(AuditBranches.RETENTION_HOURS_MIN)) < 0) {
        throw new IllegalArgumentException("the audit branch retention must be at least "
            + AuditBranches.RETENTION_HOURS_MIN + " hour(s): a younger branch may belong to a run still writing it, got "
            + auditBranchRetention);
      }
    }

    public static Settings defaults() {
      return new Settings(JobOptions.MIN_INPUT_FILES_DEFAULT, JobOptions.RETAIN_LAST_DEFAULT,
          Duration.ofHours(JobOptions.RETENTION_HOURS_DEFAULT),
          Duration.ofHours(JobOptions.AUDIT_BRANCH_RETENTION_HOURS_DEFAULT));
    }
  }

  private MaintenanceStage() {}

  /**
   * Drops the tables in {@code drop} (removed groups' tables only, {@link TableDrops}), then maintains every table of
   * {@code layout} and every declared group's table that exists, telling {@code progress} a line per table.
   *
   * @param summary snapshot-summary properties of the rewrite commits (pipeline, run id); never lineage keys the
   *     planner reads
   */
  public static MaintenanceResult run(SparkSession spark, TableLayout layout, DeclaredGroups declared,
      List<String> drop, Map<String, String> summary, Settings settings, Instant now, Consumer<String> progress) {
    List<String> dropped = drop(spark, layout, declared, drop, progress);
    Map<String, Table> tables = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> names = new ArrayList<>(layout.allTables());
    declared.groups().forEach(g -> names.add(g.name()));
    for (String name : names) {
      String sparkName = layout.sparkName(name);
      if (IcebergTables.exists(spark, sparkName)) {
        tables.put(name, IcebergTables.load(spark, sparkName, ""));
      } else {
        missing.add(name);
        progress.accept(name + ": does not exist, skipped");
      }
    }
    // what downstream lineage needs is read once, before any table changes; a declared table keeps its newest
    // lineage commit, which records its definition (so the next Gold run finds it unchanged)
    Map<String, SourceHistory> histories = new LinkedHashMap<>();
    tables.forEach((name, table) -> histories.put(name, TableLineage.history(table)));
    Map<String, Map<Long, String>> needed = SnapshotRetention.needed(layout, histories);
    List<TableMaintenance> done = new ArrayList<>();
    tables.forEach((name, table) -> {
      TableMaintenance m = maintain(spark, name, table, needed.getOrDefault(name, Map.of()), summary, settings, now);
      progress.accept(m.describe());
      done.add(m);
    });
    return new MaintenanceResult(done, missing, dropped);
  }

  /**
   * Drops removed groups' tables with their files, after checking each against the pipeline as declared now; a
   * refusal stops the run before anything changes. A table already gone is skipped. Returns those dropped.
   */
  private static List<String> drop(SparkSession spark, TableLayout layout, DeclaredGroups declared, List<String> drop,
      Consumer<String> progress) {
    List<String> refusals = TableDrops.refusals(drop, layout, declared, name -> {
      String sparkName = layout.sparkName(name);
      return IcebergTables.exists(spark, sparkName)
          ? Optional.of(TableLineage.history(IcebergTables.load(spark, sparkName, ""))) : Optional.empty();
    });
    if (!refusals.isEmpty()) {
      throw new IllegalArgumentException(JobOptions.DROP_TABLES + ": " + String.join("; ", refusals));
    }
    List<String> dropped = new ArrayList<>();
    for (String name : drop) {
      String sparkName = layout.sparkName(name);
      if (!IcebergTables.exists(spark, sparkName)) {
        progress.accept(name + ": does not exist, nothing to drop");
        continue;
      }
      spark.sql("DROP TABLE " + sparkName + " PURGE");
      progress.accept(name + ": dropped with its files (its feature group is no longer declared)");
      dropped.add(name);
    }
    return dropped;
  }

  private static TableMaintenance maintain(SparkSession spark, String name, Table table, Map<Long, String> keep,
      Map<String, String> summary, Settings settings, Instant now) {
    SparkActions actions = SparkActions.get(spark);
    // before expiry, so the snapshots only a leftover branch held can go in this run
    List<String> removedBranches = removeAbandonedBranches(table, now, settings.auditBranchRetention());
    long dataBefore = total(table, SnapshotSummary.TOTAL_DATA_FILES_PROP);
    long deletesBefore = total(table, SnapshotSummary.TOTAL_DELETE_FILES_PROP);
    RewriteDataFiles rewrite = actions.rewriteDataFiles(table).binPack()
        .option(SizeBasedFileRewritePlanner.MIN_INPUT_FILES, Integer.toString(settings.minInputFiles()))
        .option(RewriteDataFiles.REMOVE_DANGLING_DELETES, "true");
    summary.forEach(rewrite::snapshotProperty);
    RewriteDataFiles.Result data = rewrite.execute();
    table.refresh();
    RewritePositionDeleteFiles deleteRewrite = actions.rewritePositionDeletes(table)
        .option(SizeBasedFileRewritePlanner.MIN_INPUT_FILES, Integer.toString(settings.minInputFiles()));
    summary.forEach(deleteRewrite::snapshotProperty);
    RewritePositionDeleteFiles.Result deletes = deleteRewrite.execute();
    table.refresh();
    // Silver's event-id index holds for the compacted head as well; attached to it, it outlives the expiry below
    EventIdIndex.carryForward(table);
    table.refresh();

    int snapshotsBefore = count(table.snapshots());
    SnapshotRetention.Cutoff cutoff = SnapshotRetention.cutoff(TableLineage.history(table), keep, now.toEpochMilli(),
        settings.retention().toMillis());
    ExpireSnapshots.Result expired = actions.expireSnapshots(table)
        .expireOlderThan(cutoff.expireOlderThanMillis()).retainLast(settings.retainLast()).execute();
    table.refresh();
    // the index entries of expired snapshots and removed branches go, with their files
    EventIdIndex.prune(table);
    int snapshotsAfter = count(table.snapshots());
    long deletedFiles = expired.deletedDataFilesCount() + expired.deletedPositionDeleteFilesCount()
        + expired.deletedEqualityDeleteFilesCount() + expired.deletedManifestsCount()
        + expired.deletedManifestListsCount() + expired.deletedStatisticsFilesCount();
    return new TableMaintenance(name, dataBefore, total(table, SnapshotSummary.TOTAL_DATA_FILES_PROP),
        data.rewrittenDataFilesCount(), data.addedDataFilesCount(), deletesBefore,
        total(table, SnapshotSummary.TOTAL_DELETE_FILES_PROP),
        deletes.rewrittenDeleteFilesCount() + data.removedDeleteFilesCount(), deletes.addedDeleteFilesCount(),
        snapshotsBefore, snapshotsAfter, snapshotsBefore - snapshotsAfter, deletedFiles,
        Instant.ofEpochMilli(cutoff.expireOlderThanMillis()), cutoff.kept(), removedBranches);
  }

  private static List<String> removeAbandonedBranches(Table table, Instant now, Duration retention) {
    Map<String, Long> heads = new LinkedHashMap<>();
    table.refs().forEach((name, ref) -> {
      if (ref.isBranch() && table.snapshot(ref.snapshotId()) != null) {
        heads.put(name, table.snapshot(ref.snapshotId()).timestampMillis());
      }
    });
    List<String> abandoned = AuditBranches.abandoned(heads, now.toEpochMilli(), retention.toMillis());
    if (!abandoned.isEmpty()) {
      var refs = table.manageSnapshots();
      abandoned.forEach(refs::removeBranch);
      refs.commit();
      table.refresh();
    }
    return abandoned;
  }

  /** The summary properties of the rewrite commits: who ran them, and no key the planner reads as lineage. */
  public static Map<String, String> summary(String pipeline, String runId) {
    return Map.of(LineageKeys.PIPELINE, pipeline, LineageKeys.STAGE, STAGE, LineageKeys.RUN_ID, runId);
  }

  private static long total(Table table, String key) {
    Snapshot current = table.currentSnapshot();
    return current == null || current.summary() == null ? 0 : Long.parseLong(current.summary().getOrDefault(key, "0"));
  }

  private static int count(Iterable<Snapshot> snapshots) {
    int n = 0;
    for (Snapshot ignored : snapshots) {
      n++;
    }
    return n;
  }
}
