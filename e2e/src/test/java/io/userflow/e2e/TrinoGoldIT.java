package io.userflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.FeatureGroup;
import io.userflow.jobs.features.FeatureTypes;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldSchema;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.testing.objectstore.LocalObjectStore;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.Sessions;
import io.userflow.jobs.testing.FakeBronze;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the storage setup of kind: Spark (local[2]) runs Silver and Gold twice on the Iceberg JDBC catalog
 * in PostgreSQL with the warehouse on a real S3 API (S3Proxy, as on kind), and a real Trino reads them with the
 * catalog file the stack chart renders for kind (only its database and S3 addresses changed). Through Trino, the
 * Gold tables equal what Spark wrote, a time-travel read of the first Gold snapshot equals what Spark saw then, and
 * every panel of the Grafana dashboard and every query in {@code trino/queries} runs and returns rows. The checked-in
 * catalog for a Trino on your machine ({@code trino/etc/catalog/userflow.properties}) is loaded beside it as
 * {@value #LOCAL_CATALOG} and must list the same tables.
 */
class TrinoGoldIT {
  private static final long STARTED = System.nanoTime();
  private static final TableLayout LAYOUT = TableLayout.defaults();
  /** examples/features.yaml, written beside the default tables by every Gold run here. */
  private static final DeclaredGroups DECLARED = declared();

  static final String BUCKET = "warehouse";
  static final String LOCAL_CATALOG = "userflow_local";

  @TempDir static Path dir;
  static SparkSession spark;
  static LocalObjectStore objectStore;
  static LocalTrino trino;
  static GoldResult firstGold;
  static GoldResult secondGold;
  static List<List<Object>> dailyAtFirst;
  static List<List<Object>> rollingAtFirst;

  @BeforeAll
  static void runTheStagesTwiceWhileTrinoStarts() throws Exception {
    PostgresCatalog catalog = PostgresCatalog.fromEnvironment();
    catalog.reset();
    progress("catalog %s emptied", catalog.url());
    objectStore = LocalObjectStore.start(dir.resolve("s3"), BUCKET);
    Path etc = Path.of(System.getProperty("userflow.trino.etc"));
    Map.Entry<String, String> kind = KindTrinoCatalog.render(dir, catalog.url(), objectStore.endpoint());
    assertThat(kind.getKey()).as("the chart's Trino catalog is named like Spark's").isEqualTo(LAYOUT.catalog());
    trino = LocalTrino.start(Path.of(System.getProperty("userflow.trino.home")), LocalTrino.javaHome(), etc,
        Files.createDirectories(dir.resolve("trino")),
        Map.of(kind.getKey(), kind.getValue(),
            LOCAL_CATALOG, Files.readString(etc.resolve("catalog").resolve(LAYOUT.catalog() + ".properties"))),
        Map.of("CATALOG_USER", catalog.user(), "CATALOG_PASSWORD", catalog.password(),
            "AWS_ACCESS_KEY_ID", LocalObjectStore.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", LocalObjectStore.SECRET_ACCESS_KEY,
            "USERFLOW_CATALOG_URI", catalog.url(), "USERFLOW_CATALOG_USER", catalog.user(),
            "USERFLOW_CATALOG_PASSWORD", catalog.password(),
            "USERFLOW_WAREHOUSE", Files.createDirectories(dir.resolve("local-warehouse")).toUri().toString()));
    progress("Trino starting in its own JVM with the chart's catalog on S3 %s; Spark runs meanwhile",
        objectStore.endpoint());

    spark = Sessions.create("e2e", catalog.settings(LAYOUT.catalog(), "s3a://" + BUCKET + "/", objectStore.storage()),
        "local[2]");
    RecentArrivals arrivals = RecentArrivals.before(LocalDate.now(ZoneOffset.UTC), 20261126L);
    FakeBronze bronze = new FakeBronze(spark, LAYOUT);
    progress("Spark session and Bronze table ready");
    bronze.append(arrivals.first().receivedAt(), arrivals.first().rawValues());
    firstGold = runSilverAndGold("e2e-1");
    dailyAtFirst = sparkRows(LAYOUT.goldDaily(), GoldSchema.DAILY);
    rollingAtFirst = sparkRows(LAYOUT.goldRolling(), GoldSchema.ROLLING);
    progress("arrival 1 (%d records) through Gold: %d daily, %d rolling rows", arrivals.first().rawValues().size(),
        dailyAtFirst.size(), rollingAtFirst.size());
    bronze.append(arrivals.second().receivedAt(), arrivals.second().rawValues());
    secondGold = runSilverAndGold("e2e-2");
    progress("arrival 2 (%d records) through Gold (%s)", arrivals.second().rawValues().size(), secondGold.plan().mode());

    trino.awaitReady();
    progress("Trino ready");
  }

  @AfterAll
  static void stop() {
    try {
      if (trino != null) {
        trino.close();
        progress("Trino stopped");
      }
    } finally {
      if (spark != null) {
        spark.stop();
      }
      if (objectStore != null) {
        objectStore.close();
      }
    }
  }

  private static GoldResult runSilverAndGold(String run) {
    SilverResult silver = SilverStage.run(spark, LAYOUT, RunContext.of("e2e", run,
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), SilverStage.Settings.defaults().withEvents(DECLARED.events()));
    assertThat(silver.published()).as("Silver %s passed its quality gate: %s", run, silver.gate()).isTrue();
    progress("  Silver %s (%s): %d new events, %d rejects %s, %d duplicates, %d late", run, silver.plan().mode(),
        silver.newEvents(), silver.rejects(), silver.rejectsByReason(), silver.duplicatesRemoved(), silver.lateEvents());
    GoldResult gold = GoldStage.run(spark, LAYOUT, RunContext.of("e2e", run, PlanRequest.auto(GoldStage.TRANSFORM_VERSION)),
        CommitHook.NONE, DECLARED);
    progress("  Gold %s (%s, %s): %d daily, %d rolling rows written", run, gold.plan().mode(), gold.plan().reason(),
        gold.dailyRows(), gold.rollingRows());
    return gold;
  }

  private static DeclaredGroups declared() {
    try {
      return DeclaredGroups.parse(java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "features.yaml")),
          LAYOUT.allTables());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<List<Object>> sparkRows(String table, StructType schema) {
    return FeatureRows.of(spark.table(LAYOUT.sparkName(table)), FeatureRows.columns(schema));
  }

  private static String trinoSelect(String table, StructType schema, String version) {
    return "SELECT " + String.join(", ", FeatureRows.columns(schema)) + " FROM " + LAYOUT.catalog() + "."
        + LAYOUT.namespace() + "." + table + (version == null ? "" : " FOR VERSION AS OF " + version);
  }

  @Test
  void dailyFeaturesReadThroughTrinoEqualWhatSparkWrote() {
    assertSameRowsThroughTrino(LAYOUT.goldDaily(), GoldSchema.DAILY);
  }

  @Test
  void rollingFeaturesReadThroughTrinoEqualWhatSparkWrote() {
    assertSameRowsThroughTrino(LAYOUT.goldRolling(), GoldSchema.ROLLING);
  }

  private static void assertSameRowsThroughTrino(String table, StructType schema) {
    List<List<Object>> written = sparkRows(table, schema);
    List<List<Object>> read = trino.query(trinoSelect(table, schema, null));
    assertThat(written).as("Spark's rows of %s", table).isNotEmpty();
    assertThat(read).as("%s through Trino vs Spark", table).containsExactlyInAnyOrderElementsOf(written);
    progress("%s: %d rows x %d columns equal through Trino", table, read.size(), schema.size());
  }

  /** The groups of examples/features.yaml: Trino reads a declared group's table like the default ones. */
  @Test
  void declaredFeatureTablesReadThroughTrinoEqualWhatSparkWrote() {
    assertThat(DECLARED.groups()).hasSize(3);
    for (FeatureGroup g : DECLARED.groups()) {
      assertSameRowsThroughTrino(g.name(), FeatureTypes.schema(g));
    }
  }

  @Test
  void theTablesAndDataAreObjectsInTheBucket() {
    List<String> keys = objectStore.keys(BUCKET, "");
    for (String table : List.of(LAYOUT.silver(), LAYOUT.goldDaily(), LAYOUT.goldRolling())) {
      assertThat(keys).as("%s in the bucket", table)
          .anyMatch(k -> k.contains("/" + table + "/data/") && k.endsWith(".parquet"))
          .anyMatch(k -> k.contains("/" + table + "/metadata/") && k.endsWith(".metadata.json"));
    }
    assertThat(dir.resolve("local-warehouse")).isEmptyDirectory();
  }

  @Test
  void theCatalogForATrinoOnYourMachineSeesTheSameTables() {
    List<List<Object>> tables = trino.query("SHOW TABLES FROM " + LOCAL_CATALOG + "." + LAYOUT.namespace());
    assertThat(tables).as("tables through trino/etc/catalog/%s.properties", LAYOUT.catalog())
        .contains(List.of(LAYOUT.goldDaily()), List.of(LAYOUT.goldRolling()), List.of(LAYOUT.silver()));
  }

  @Test
  void timeTravelToTheFirstGoldSnapshotShowsWhatSparkSawThen() {
    assertThat(secondGold.dailySnapshotId()).isNotEqualTo(firstGold.dailySnapshotId());
    assertThat(secondGold.rollingSnapshotId()).isNotEqualTo(firstGold.rollingSnapshotId());
    assertTimeTravel(LAYOUT.goldDaily(), GoldSchema.DAILY, firstGold.dailySnapshotId(), dailyAtFirst);
    assertTimeTravel(LAYOUT.goldRolling(), GoldSchema.ROLLING, firstGold.rollingSnapshotId(), rollingAtFirst);
  }

  private static void assertTimeTravel(String table, StructType schema, long snapshotId, List<List<Object>> sawThen) {
    List<List<Object>> snapshots = trino.query("SELECT snapshot_id FROM " + LAYOUT.catalog() + "." + LAYOUT.namespace()
        + ".\"" + table + "$snapshots\"");
    assertThat(snapshots).as("%s snapshots through Trino", table).contains(List.of(snapshotId));
    List<List<Object>> read = trino.query(trinoSelect(table, schema, Long.toString(snapshotId)));
    assertThat(sawThen).as("%s changed between the runs", table).isNotEqualTo(sparkRows(table, schema));
    assertThat(read).as("%s FOR VERSION AS OF %d through Trino vs Spark then", table, snapshotId)
        .isNotEmpty().containsExactlyInAnyOrderElementsOf(sawThen);
    progress("%s: FOR VERSION AS OF %d (of %d snapshots) equals Spark's %d rows then", table, snapshotId,
        snapshots.size(), sawThen.size());
  }

  @Test
  void everyDashboardPanelRunsOnTrinoAndReturnsRows() throws Exception {
    List<DashboardPanels.PanelQuery> queries = DashboardPanels.read(Path.of(System.getProperty("userflow.dashboard")), Instant.now());
    assertThat(queries).isNotEmpty();
    SoftAssertions softly = new SoftAssertions();
    for (DashboardPanels.PanelQuery q : queries) {
      try {
        int rows = trino.query(q.sql()).size();
        softly.assertThat(rows).as("panel %d '%s' (%s) rows:%n%s", q.panelId(), q.title(), q.refId(), q.sql()).isPositive();
        progress("panel %d '%s': %d rows", q.panelId(), q.title(), rows);
      } catch (AssertionError e) {
        softly.fail("panel %d '%s' does not run on Trino: %s", q.panelId(), q.title(), e.getMessage());
      }
    }
    softly.assertAll();
  }

  @Test
  void theDashboardShowsUsageQualityAndFreshnessAndItsNumbersAreSparks() throws Exception {
    Map<String, String> sql = new java.util.HashMap<>();
    DashboardPanels.read(Path.of(System.getProperty("userflow.dashboard")), Instant.now())
        .forEach(q -> sql.put(q.title(), q.sql()));
    assertThat(sql).containsKeys("Daily active users", "Sessions per day", "Conversion rate", "Revenue per day",
        "Reject rate by reason", "Pipeline freshness per layer");

    List<List<Object>> dau = trino.query(sql.get("Daily active users"));
    List<List<Object>> sparkDau = spark.sql("SELECT CAST(feature_date AS timestamp), count(*) FROM "
        + LAYOUT.sparkName(LAYOUT.goldDaily()) + " GROUP BY 1").collectAsList().stream()
        .map(r -> List.of(FeatureRows.normalize(r.get(0)), FeatureRows.normalize(r.get(1)))).toList();
    assertThat(dau).as("daily active users through the panel vs Spark").containsExactlyInAnyOrderElementsOf(sparkDau);

    List<List<Object>> freshness = trino.query(sql.get("Pipeline freshness per layer"));
    assertThat(freshness).extracting(row -> row.get(0))
        .containsExactly("bronze", "gold_daily", "gold_rolling", "silver", "silver_rejects");
    assertThat(freshness).allSatisfy(row -> assertThat(((Number) row.get(2)).longValue()).isBetween(0L, 60L));
    assertThat(freshness).filteredOn(row -> row.get(0).equals("gold_daily")).singleElement()
        .satisfies(row -> assertThat(row.get(3)).isEqualTo("e2e-2"));

    List<List<Object>> rejectRates = trino.query(sql.get("Reject rate by reason"));
    assertThat(rejectRates).isNotEmpty().allSatisfy(row -> assertThat(((Number) row.get(1)).doubleValue())
        .isGreaterThan(0).isLessThan(1));
    progress("dashboard: %d days of DAU equal Spark's, freshness %s, reject rates %s", dau.size(), freshness,
        rejectRates);
  }

  @Test
  void everyCheckedInTrinoQueryRunsAndReturnsRows() throws Exception {
    Map<String, String> queries = QueryFiles.read(Path.of(System.getProperty("userflow.trino.queries")));
    assertThat(queries).isNotEmpty();
    SoftAssertions softly = new SoftAssertions();
    queries.forEach((file, sql) -> {
      try {
        int rows = trino.query(sql).size();
        softly.assertThat(rows).as("trino/queries/%s rows", file).isPositive();
        progress("trino/queries/%s: %d rows", file, rows);
      } catch (AssertionError e) {
        softly.fail("trino/queries/%s does not run on Trino: %s", file, e.getMessage());
      }
    });
    softly.assertAll();
  }

  private static void progress(String format, Object... args) {
    System.out.printf("[TrinoGoldIT +%5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
  }
}
