package io.userflow.jobs.maintenance;

import static io.userflow.jobs.testing.FakeBronze.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.DefinitionVersions;
import io.userflow.core.iceberg.TableLineage;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/**
 * Maintenance on real Iceberg tables: after several incremental runs it compacts and expires, and the next runs of
 * Silver and Gold still plan INCREMENTAL and still equal a FULL rebuild; position deletes written merge-on-read are
 * rewritten; a second run with nothing to do commits nothing.
 */
class MaintenanceStageIT extends LocalSparkTest {
  /** Rewrites any partition with two or more files; expires everything lineage does not need. */
  static final MaintenanceStage.Settings EAGER = new MaintenanceStage.Settings(2, 1, Duration.ZERO, Duration.ofHours(1));
  /** Arrivals start after the events they carry (event days 2026-11-01..03). */
  private static final Instant START = Instant.parse("2026-11-04T06:00:00Z");

  private final List<String> progress = new ArrayList<>();

  private MaintenanceResult maintain(TableLayout layout) {
    return maintain(layout, DeclaredGroups.none(), List.of());
  }

  private MaintenanceResult maintain(TableLayout layout, DeclaredGroups declared, List<String> drop) {
    return MaintenanceStage.run(spark, layout, declared, drop, MaintenanceStage.summary("it", "m"), EAGER,
        Instant.now(), progress::add);
  }

  @Test
  void afterMaintenanceTheNextRunsStayIncrementalAndEqualAFullRebuild() {
    TableLayout inc = TableLayout.defaults().inNamespace("maint");
    FakeBronze bronze = new FakeBronze(spark, inc);
    for (int b = 0; b < 4; b++) {
      bronze.append(START.plus(Duration.ofHours(6L * b)), arrival(b));
      SilverResult silver = silver(inc, "b" + b, RequestedMode.AUTO);
      GoldResult gold = gold(inc, "b" + b, RequestedMode.AUTO);
      PlanMode expected = b == 0 ? PlanMode.FULL : PlanMode.INCREMENTAL;
      assertThat(silver.plan().mode()).as("silver %d: %s", b, silver.plan()).isEqualTo(expected);
      assertThat(gold.plan().mode()).as("gold %d: %s", b, gold.plan()).isEqualTo(expected);
    }
    Map<String, Long> headsBefore = heads(inc);
    long silverNeeds = StagePlanning.lineage(history(inc, inc.silver())).lastProcessedSourceSnapshotId();
    long goldNeeds = StagePlanning.lineage(history(inc, inc.goldRolling())).lastProcessedSourceSnapshotId();
    long firstBronze = oldest(table(inc, inc.bronze())).snapshotId();

    // SilverStage leaves Datasets persisted that read Silver as of an older snapshot; Spark re-caches them at the next
    // write to Bronze, which after expiry would re-read manifests that are gone. A job's own session ends with it.
    spark.catalog().clearCache();
    MaintenanceResult result = maintain(inc);
    System.out.println("maintenance after 4 incremental runs:\n  " + String.join("\n  ", progress));
    Map<String, TableMaintenance> by = new HashMap<>();
    result.tables().forEach(t -> by.put(t.table(), t));
    assertThat(result.missing()).isEmpty();
    TableMaintenance b = by.get(inc.bronze());
    assertThat(b.rewrittenDataFiles()).isPositive();
    assertThat(b.dataFilesAfter()).isLessThan(b.dataFilesBefore());
    assertThat(b.expiredSnapshots()).isPositive();
    assertThat(by.get(inc.silver()).expiredSnapshots()).isPositive();
    assertThat(b.kept()).containsKey(silverNeeds);
    assertThat(by.get(inc.silver()).kept()).containsKey(goldNeeds);
    // what the next plans read survived, what nothing needs is gone, and maintenance only committed replaces
    assertThat(table(inc, inc.bronze()).snapshot(silverNeeds)).isNotNull();
    assertThat(table(inc, inc.silver()).snapshot(goldNeeds)).isNotNull();
    assertThat(table(inc, inc.bronze()).snapshot(firstBronze)).isNull();
    // the rewrite commits say who made them; the dangling-delete removal rewrite_data_files commits after them
    // does not take the action's snapshot properties (Iceberg 1.12), but it is a replace all the same
    headsBefore.forEach((name, head) -> {
      List<Snapshot> commits = commitsAfter(table(inc, name), head);
      assertThat(commits).as("maintenance commits of %s", name).allSatisfy(s -> {
        assertThat(s.operation()).isEqualTo("replace");
        assertThat(s.summary()).doesNotContainKey("userflow.source-snapshot-id");
      });
      if (!commits.isEmpty()) {
        assertThat(commits.get(0).summary()).containsEntry("userflow.stage", MaintenanceStage.STAGE);
      }
    });

    // nothing left to do: a second run commits nothing and expires nothing
    Map<String, Long> headsCompacted = heads(inc);
    MaintenanceResult again = maintain(inc);
    assertThat(heads(inc)).isEqualTo(headsCompacted);
    assertThat(again.tables()).allSatisfy(t -> {
      assertThat(t.rewrittenDataFiles()).isZero();
      assertThat(t.rewrittenDeleteFiles()).isZero();
      assertThat(t.expiredSnapshots()).isZero();
    });

    // after maintenance, by the rule ./userflow status and the planner share: compactions are not pending work,
    // and a table's live rows are what a reader sees
    Map<String, String> sources = Map.of(inc.silver(), inc.bronze(), inc.rejects(), inc.bronze(),
        inc.goldDaily(), inc.silver(), inc.goldRolling(), inc.silver());
    sources.forEach((target, source) -> {
      assertThat(StagePlanning.pending(history(inc, source), history(inc, target))).as("%s pending after maintenance", target)
          .isEmpty();
      assertThat(history(inc, target).current().orElseThrow().liveRecords()).as("%s live rows", target)
          .isEqualTo(spark.table(inc.sparkName(target)).count());
    });
    assertThat(StagePlanning.silver(history(inc, inc.bronze()), history(inc, inc.silver()),
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION)).mode()).isEqualTo(PlanMode.NOOP);
    assertThat(StagePlanning.gold(history(inc, inc.silver()), history(inc, inc.goldLineageTable()),
        PlanRequest.auto(GoldStage.TRANSFORM_VERSION)).mode()).isEqualTo(PlanMode.NOOP);

    // only compactions since the last runs: nothing to process, and nothing is committed
    SilverResult idle = silver(inc, "idle", RequestedMode.AUTO);
    assertThat(idle.plan().reason()).as("silver over a compaction only: %s", idle.plan())
        .isEqualTo(PlanReason.ONLY_COMPACTIONS);
    // Silver had one file per partition, so it was not rewritten: NO_NEW_SNAPSHOTS or ONLY_COMPACTIONS
    GoldResult idleGold = gold(inc, "idle", RequestedMode.AUTO);
    assertThat(idleGold.plan().mode()).as("gold over a compaction only: %s", idleGold.plan()).isEqualTo(PlanMode.NOOP);
    assertThat(heads(inc)).isEqualTo(headsCompacted);

    bronze.append(START.plus(Duration.ofDays(1)), arrival(4));
    SilverResult silver = silver(inc, "after", RequestedMode.AUTO);
    GoldResult gold = gold(inc, "after", RequestedMode.AUTO);
    assertThat(silver.plan().mode()).as("silver after maintenance: %s", silver.plan()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(silver.plan().records()).isEqualTo(arrival(4).size());
    assertThat(gold.plan().mode()).as("gold after maintenance: %s", gold.plan()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(silver.published()).isTrue();
    assertThat(silver.dedupeDatesRead()).as("dedupe after maintenance reads by the event-id index the compaction kept")
        .isNotNull();

    TableLayout full = TableLayout.defaults().inNamespace("maintfull");
    IcebergTables.copy(spark, inc.sparkName(inc.bronze()), full.sparkName(full.bronze()));
    silver(full, "full", RequestedMode.FULL);
    gold(full, "full", RequestedMode.FULL);
    for (String t : List.of(inc.silver(), inc.rejects(), inc.goldDaily(), inc.goldRolling())) {
      SilverStageTest.assertSameRows(spark, inc.sparkName(t), full.sparkName(t));
    }
  }

  /**
   * A run killed after creating its audit branches leaves them; maintenance removes audit branches whose newest
   * commit is older than the retention (so their snapshots can expire), keeps younger ones (a run may still be
   * writing them) and never touches a branch that is not an audit branch.
   */
  @Test
  void leftoverAuditBranchesOlderThanTheRetentionAreRemoved() {
    TableLayout layout = TableLayout.defaults().inNamespace("leftover");
    FakeBronze bronze = new FakeBronze(spark, layout);
    bronze.append(START, arrival(0));
    silver(layout, "b0", RequestedMode.AUTO);
    Table silver = table(layout, layout.silver());
    long head = silver.currentSnapshot().snapshotId();
    silver.manageSnapshots().createBranch("audit_killed_run", head).createBranch("experiment", head).commit();

    maintain(layout);
    assertThat(table(layout, layout.silver()).refs()).as("younger than the retention").containsKeys("audit_killed_run");
    MaintenanceResult later = MaintenanceStage.run(spark, layout, DeclaredGroups.none(), List.of(),
        MaintenanceStage.summary("it", "m2"), EAGER,
        Instant.now().plus(Duration.ofHours(2)), progress::add);
    assertThat(table(layout, layout.silver()).refs()).doesNotContainKey("audit_killed_run").containsKey("experiment");
    assertThat(later.tables()).filteredOn(t -> t.table().equals(layout.silver()))
        .singleElement().satisfies(t -> assertThat(t.removedBranches()).containsExactly("audit_killed_run"));
    assertThatThrownBy(() -> new MaintenanceStage.Settings(2, 1, Duration.ZERO, Duration.ofMinutes(59)))
        .hasMessageContaining("at least 1 hour");
  }

  @Test
  void positionDeletesWrittenMergeOnReadAreRewrittenWithoutChangingRows() {
    TableLayout src = TableLayout.defaults().inNamespace("morsrc");
    FakeBronze bronze = new FakeBronze(spark, src);
    bronze.append(START, arrival(0));
    bronze.append(START.plusSeconds(3600), arrival(1));
    silver(src, "s", RequestedMode.AUTO);
    TableLayout scratch = TableLayout.defaults().inNamespace("mor");
    String name = scratch.sparkName(scratch.silver());
    IcebergTables.copy(spark, src.sparkName(src.silver()), name);
    spark.sql("ALTER TABLE " + name + " SET TBLPROPERTIES ('write.delete.mode'='merge-on-read', "
        + "'write.update.mode'='merge-on-read', 'write.merge.mode'='merge-on-read', "
        // file-scoped deletes would be merged into one per data file at each DELETE; partition-scoped ones pile up
        + "'write.delete.granularity'='partition')");
    for (String id : List.of("a0-u1-0", "a0-u1-1", "a0-u2-0")) {
      spark.sql("DELETE FROM " + name + " WHERE event_id = '" + id + "'");
    }
    long rows = spark.table(name).count();

    MaintenanceResult result = maintain(scratch);
    System.out.println("maintenance of a merge-on-read copy:\n  " + String.join("\n  ", progress));
    assertThat(result.missing()).containsExactlyInAnyOrder(scratch.bronze(), scratch.rejects(), scratch.goldDaily(),
        scratch.goldRolling());
    TableMaintenance m = result.tables().get(0);
    assertThat(m.deleteFilesBefore()).isGreaterThanOrEqualTo(3);
    assertThat(m.rewrittenDeleteFiles()).isGreaterThanOrEqualTo(3);
    assertThat(m.deleteFilesAfter()).isLessThan(m.deleteFilesBefore());
    assertThat(spark.table(name).count()).isEqualTo(rows);
    assertThat(spark.table(name).filter("event_id in ('a0-u1-0', 'a0-u1-1', 'a0-u2-0')").count()).isZero();
  }

  @Test
  void declaredTablesAreMaintainedAndARemovedGroupsTableIsDroppedOnlyWhenAsked() throws Exception {
    TableLayout layout = TableLayout.defaults().inNamespace("maintdecl");
    DeclaredGroups both = DeclaredGroups.parse("groups:\n" + SHOPPERS + PAGES, layout.allTables());
    FakeBronze bronze = new FakeBronze(spark, layout);
    for (int b = 0; b < 3; b++) {
      bronze.append(START.plus(Duration.ofHours(6L * b)), arrival(b));
      silver(layout, "b" + b, RequestedMode.AUTO);
      gold(layout, "b" + b, both);
    }
    long recorded = DefinitionVersions.recorded(history(layout, "shopper_daily")).orElseThrow().snapshotId();
    long firstShoppers = oldest(table(layout, "shopper_daily")).snapshotId();
    spark.catalog().clearCache();
    MaintenanceResult result = maintain(layout, both, List.of());
    Map<String, TableMaintenance> by = new HashMap<>();
    result.tables().forEach(t -> by.put(t.table(), t));
    assertThat(by).containsKeys("shopper_daily", "page_daily");
    assertThat(by.get("shopper_daily").expiredSnapshots()).as("declared tables expire too").isPositive();
    assertThat(by.get("shopper_daily").kept()).as("the commit recording the definition").containsKey(recorded);
    assertThat(table(layout, "shopper_daily").snapshot(firstShoppers)).isNull();
    assertThat(result.dropped()).isEmpty();

    // the definition the tables recorded survived: the next run is incremental and rebuilds nothing
    bronze.append(START.plus(Duration.ofDays(1)), arrival(3));
    silver(layout, "after", RequestedMode.AUTO);
    GoldResult after = gold(layout, "after", both);
    assertThat(after.plan().mode()).as("%s", after.plan()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(after.plan().rebuilds()).isEmpty();

    // page_daily is removed from the definition: its table stays until a run asks for it by name
    DeclaredGroups shoppers = DeclaredGroups.parse("groups:\n" + SHOPPERS, layout.allTables());
    MaintenanceResult kept = maintain(layout, shoppers, List.of());
    assertThat(kept.tables()).extracting(TableMaintenance::table).doesNotContain("page_daily");
    assertThat(IcebergTables.exists(spark, layout.sparkName("page_daily"))).isTrue();
    assertThatThrownBy(() -> maintain(layout, shoppers, List.of("page_daily", "shopper_daily", layout.silver())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shopper_daily is the table of a feature group the pipeline still declares")
        .hasMessageContaining(layout.silver() + " is one of the pipeline's own tables");
    assertThat(IcebergTables.exists(spark, layout.sparkName("page_daily"))).as("a refusal drops nothing").isTrue();

    java.nio.file.Path files = java.nio.file.Path.of(java.net.URI.create(table(layout, "page_daily").location()));
    assertThat(files.resolve("data")).isDirectory();
    MaintenanceResult dropped = maintain(layout, shoppers, List.of("page_daily"));
    assertThat(dropped.dropped()).containsExactly("page_daily");
    assertThat(IcebergTables.exists(spark, layout.sparkName("page_daily"))).isFalse();
    try (var left = java.nio.file.Files.walk(files)) {
      assertThat(left.filter(java.nio.file.Files::isRegularFile).toList()).as("its files are deleted").isEmpty();
    }
    assertThat(progress).contains("page_daily: dropped with its files (its feature group is no longer declared)");
    assertThat(maintain(layout, shoppers, List.of("page_daily")).dropped()).as("already gone").isEmpty();
    assertThat(progress).contains("page_daily: does not exist, nothing to drop");
  }

  private static final String SHOPPERS = """
        - name: shopper_daily
          entity: user_id
          features:
            - {name: events, aggregation: count}
            - {name: purchases, aggregation: count, filter: "event_type = 'purchase'"}
      """;
  private static final String PAGES = """
        - name: page_daily
          entity: user_id
          features:
            - {name: page_views, aggregation: count, filter: "event_type = 'page_view'"}
      """;

  private GoldResult gold(TableLayout layout, String run, DeclaredGroups declared) {
    return GoldStage.run(spark, layout, RunContext.of("it", run,
        new PlanRequest(RequestedMode.AUTO, GoldStage.TRANSFORM_VERSION, 1.0, null)), CommitHook.NONE, declared);
  }

  @Test
  void aPipelineWithNoTablesYetIsSkippedWholly() {
    MaintenanceResult result = maintain(TableLayout.defaults().inNamespace("nothing"));
    assertThat(result.tables()).isEmpty();
    assertThat(result.missing()).hasSize(5);
  }

  private SilverResult silver(TableLayout layout, String run, RequestedMode mode) {
    return SilverStage.run(spark, layout, RunContext.of("it", run,
        new PlanRequest(mode, SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT);
  }

  private GoldResult gold(TableLayout layout, String run, RequestedMode mode) {
    return GoldStage.run(spark, layout, RunContext.of("it", run,
        new PlanRequest(mode, GoldStage.TRANSFORM_VERSION, 1.0, null)));
  }

  private Table table(TableLayout layout, String name) {
    return IcebergTables.load(spark, layout.sparkName(name), "");
  }

  private SourceHistory history(TableLayout layout, String name) {
    return TableLineage.history(table(layout, name));
  }

  private Map<String, Long> heads(TableLayout layout) {
    Map<String, Long> heads = new HashMap<>();
    layout.allTables().forEach(t -> heads.put(t, table(layout, t).currentSnapshot().snapshotId()));
    return heads;
  }

  /**
   * Arrival {@code b}: two events for each of four users on event day {@code b % 3 + 1}, one late event for day 1,
   * and a re-sent event of the first arrival.
   */
  static List<String> arrival(int b) {
    List<String> out = new ArrayList<>();
    String day = "2026-11-0" + (b % 3 + 1);
    for (int u = 1; u <= 4; u++) {
      for (int i = 0; i < 2; i++) {
        out.add(event("a" + b + "-u" + u + "-" + i, "u" + u, i == 0 ? "page_view" : "purchase",
            day + "T1" + u + ":0" + (i * 5) + ":00.000Z"));
      }
    }
    out.add(event("late" + b, "u1", "page_view", "2026-11-01T09:0" + b + ":00.000Z"));
    out.add(event("a0-u1-0", "u1", "page_view", "2026-11-01T11:00:00.000Z"));
    return out;
  }

  private static Snapshot oldest(Table table) {
    Snapshot oldest = null;
    for (Snapshot s : table.snapshots()) {
      oldest = oldest == null || s.timestampMillis() < oldest.timestampMillis() ? s : oldest;
    }
    return oldest;
  }

  /** The snapshots on main after {@code head}, oldest first. */
  private static List<Snapshot> commitsAfter(Table table, long head) {
    List<Snapshot> out = new ArrayList<>();
    for (Snapshot s = table.currentSnapshot(); s != null && s.snapshotId() != head;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      out.add(0, s);
    }
    return out;
  }
}
