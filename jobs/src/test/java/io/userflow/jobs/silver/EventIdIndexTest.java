package io.userflow.jobs.silver;

import static io.userflow.jobs.testing.FakeBronze.event;
import static io.userflow.jobs.testing.HandMadeStream.layout;
import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanRequest;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.GenericBlobMetadata;
import org.apache.iceberg.GenericStatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Silver's event-id index on real Spark and Iceberg tables: dedupe reads only the dates the index names and still
 * finds a duplicate whose copy in Silver lies on another date; without an index it reads every date and the run
 * builds one again; a compaction keeps the index valid; the table carries no statistics file a reader could refuse.
 */
class EventIdIndexTest extends LocalSparkTest {
  private static final LocalDate NOV1 = LocalDate.parse("2026-11-01");
  private static final LocalDate NOV2 = LocalDate.parse("2026-11-02");
  private static final LocalDate NOV3 = LocalDate.parse("2026-11-03");

  private static RunContext ctx(String run) {
    return RunContext.of("test", run, PlanRequest.auto("silver-1"));
  }

  @Test
  void dedupeReadsTheDatesTheIndexNamesAndRebuildsAMissingIndex() {
    TableLayout layout = layout("idindex");
    FakeBronze bronze = new FakeBronze(spark, layout);
    bronze.append(Instant.parse("2026-11-03T23:00:00Z"), List.of(
        event("a1", "u1", "page_view", "2026-11-01T10:00:00Z"), event("a2", "u2", "page_view", "2026-11-01T11:00:00Z"),
        event("b1", "u1", "page_view", "2026-11-02T10:00:00Z"), event("b2", "u3", "page_view", "2026-11-02T11:00:00Z"),
        event("c1", "u2", "page_view", "2026-11-03T10:00:00Z"), event("c2", "u3", "page_view", "2026-11-03T11:00:00Z")));
    SilverResult first = SilverStage.run(spark, layout, ctx("i1"), SilverStageTest.LENIENT);
    assertThat(first.plan().mode()).isEqualTo(PlanMode.FULL);
    assertThat(first.dedupeDatesRead()).isNull();
    Table silver = IcebergTables.load(spark, layout.sparkName(layout.silver()), "");
    assertThat(EventIdIndex.read(silver, silver.currentSnapshot().snapshotId()))
        .hasValueSatisfying(i -> assertThat(i.dates()).containsExactly(NOV1, NOV2, NOV3));

    // a new event on Nov 3 and a copy of a1 that claims Nov 3 as well: first received wins, so it is a duplicate
    bronze.append(Instant.parse("2026-11-03T23:30:00Z"), List.of(
        event("c3", "u1", "page_view", "2026-11-03T12:00:00Z"), event("a1", "u1", "purchase", "2026-11-03T12:30:00Z")));
    SilverResult second = SilverStage.run(spark, layout, ctx("i2"), SilverStageTest.LENIENT);
    assertThat(second.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(second.newEvents()).isEqualTo(1);
    assertThat(second.duplicatesRemoved()).isEqualTo(1);
    assertThat(second.dedupeDatesRead()).as("only Nov 1 holds one of the batch's ids").isEqualTo(1);
    List<Row> a1 = spark.table(layout.sparkName(layout.silver())).filter("event_id = 'a1'")
        .select("event_type", "event_date").collectAsList();
    assertThat(a1).hasSize(1);
    assertThat(a1.get(0).getString(0)).isEqualTo("page_view");

    // a compaction is a replace snapshot: the index of the snapshot it started from still holds
    silver.refresh();
    SparkActions.get(spark).rewriteDataFiles(silver).option("rewrite-all", "true").execute();
    silver.refresh();
    assertThat(silver.currentSnapshot().operation()).isEqualTo(DataOperations.REPLACE);
    assertThat(EventIdIndex.read(silver, silver.currentSnapshot().snapshotId())).isPresent();

    // no reader of the spec trips on it: the table has no statistics file, the index is named by a property
    assertThat(silver.statisticsFiles()).isEmpty();
    String path = silver.properties().get(EventIdIndex.PROPERTY_PREFIX + silver.currentSnapshot().parentId());
    assertThat(silver.io().newInputFile(path).exists()).isTrue();

    // without an index (its file deleted here, as an orphan-file sweep might) dedupe reads every date and finds b2
    silver.io().deleteFile(path);
    assertThat(EventIdIndex.read(silver, silver.currentSnapshot().snapshotId())).isEmpty();
    bronze.append(Instant.parse("2026-11-04T00:10:00Z"), List.of(
        event("b2", "u3", "page_view", "2026-11-02T11:00:00Z"), event("d1", "u2", "page_view", "2026-11-04T00:05:00Z")));
    SilverResult third = SilverStage.run(spark, layout, ctx("i3"), SilverStageTest.LENIENT);
    assertThat(third.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(third.dedupeDatesRead()).isNull();
    assertThat(third.duplicatesRemoved()).isEqualTo(1);
    assertThat(third.newEvents()).isEqualTo(1);
    silver.refresh();
    assertThat(EventIdIndex.read(silver, silver.currentSnapshot().snapshotId()))
        .hasValueSatisfying(i -> assertThat(i.dates()).containsExactly(NOV1, NOV2, NOV3, NOV3.plusDays(1)));
    assertThat(spark.table(layout.sparkName(layout.silver())).count()).isEqualTo(8);
    // once pruned (the next run's attach, or maintenance) only the head's entry is left: no branch reaches the others
    EventIdIndex.prune(silver);
    assertThat(silver.properties().keySet().stream().filter(k -> k.startsWith(EventIdIndex.PROPERTY_PREFIX)))
        .containsExactly(EventIdIndex.PROPERTY_PREFIX + silver.currentSnapshot().snapshotId());

    // a table an older version wrote has its index as a statistics file of a blob type of our own: pruning drops it
    long head = silver.currentSnapshot().snapshotId();
    silver.updateStatistics().setStatistics(new GenericStatisticsFile(head, path, 100, 10, List.of(
        new GenericBlobMetadata(EventIdIndex.LEGACY_STATISTICS_BLOB_TYPE, head, 1, List.of(1), Map.of())))).commit();
    assertThat(silver.statisticsFiles()).hasSize(1);
    EventIdIndex.prune(silver);
    assertThat(silver.statisticsFiles()).isEmpty();
  }
}
