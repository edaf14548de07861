package io.userflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.iceberg.RestCatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanRequest;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.Sessions;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.testing.objectstore.LocalObjectStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential vending for real: the REST catalog server keeps its warehouse on an S3 API (S3Proxy, as on kind) and
 * hands the keys to clients that ask with {@code X-Iceberg-Access-Delegation: vended-credentials}. Spark runs
 * Bronze, Silver and Gold with the REST settings the operator gives a vended-credentials pipeline — no S3 keys, no
 * s3a settings in the session, none in this JVM's environment — and every data and metadata file lands in the
 * bucket; the operator's reader (core's Catalogs, S3FileIO) reads the rows the same way; a client that does not ask
 * for vended credentials and has no keys of its own cannot read them.
 */
class RestVendedCredentialsIT {
  private static final TableLayout LAYOUT = TableLayout.defaults().inNamespace("vended");
  static final String BUCKET = "warehouse";

  @TempDir static Path dir;
  static LocalObjectStore objectStore;
  static LocalRestCatalog server;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    assertThat(System.getenv("AWS_ACCESS_KEY_ID")).as("no S3 key of this JVM's own").isNull();
    objectStore = LocalObjectStore.start(dir.resolve("s3"), BUCKET);
    server = LocalRestCatalog.startOnS3(dir.resolve("rest"), "s3a://" + BUCKET + "/rest", objectStore.storage(), true);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    CatalogSettings settings = server.settings(LAYOUT.catalog());
    assertThat(settings.storage()).as("the pipeline's settings carry no storage keys").isNull();
    assertThat(settings.rest().vendedCredentials()).isTrue();
    spark = Sessions.create("rest-vended", settings, "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    for (AutoCloseable c : new AutoCloseable[] {server, objectStore}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }

  @Test
  void theStagesWriteToS3WithOnlyTheKeysTheCatalogVends() throws Exception {
    assertThat(spark.sparkContext().hadoopConfiguration().get("fs.s3a.access.key")).isNull();
    RecentArrivals arrivals = RecentArrivals.before(LocalDate.now(ZoneOffset.UTC), 20261207L);
    new FakeBronze(spark, LAYOUT).append(arrivals.first().receivedAt(), arrivals.first().rawValues());
    SilverResult silver = SilverStage.run(spark, LAYOUT, RunContext.of("e2e", "v1",
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION)), SilverStage.Settings.defaults());
    assertThat(silver.published()).as("Silver's gate: %s", silver.gate()).isTrue();
    GoldResult gold = GoldStage.run(spark, LAYOUT, RunContext.of("e2e", "v1",
        PlanRequest.auto(GoldStage.TRANSFORM_VERSION)));
    long silverRows = spark.table(LAYOUT.sparkName(LAYOUT.silver())).count();
    assertThat(silverRows).isPositive();
    assertThat(gold.dailyRows()).isPositive();

    // every table's files went through the S3 API into the bucket
    List<String> keys = objectStore.keys(BUCKET, "rest/");
    for (String table : List.of(LAYOUT.bronze(), LAYOUT.silver(), LAYOUT.goldDaily(), LAYOUT.goldRolling())) {
      assertThat(keys).as(table).anyMatch(k -> k.contains("/" + table + "/data/") && k.endsWith(".parquet"))
          .anyMatch(k -> k.contains("/" + table + "/metadata/") && k.endsWith(".metadata.json"));
    }

    // the operator's reader, vended too: the same rows without Spark
    try (var catalog = (Catalog & AutoCloseable) Catalogs.open(server.settings(LAYOUT.catalog()))) {
      assertThat(rows(catalog.loadTable(id(LAYOUT.silver())))).isEqualTo(silverRows);
    }
    // a client that does not ask for vended credentials, with no keys of its own, reads the metadata the server
    // serves but not the data files in the bucket
    CatalogSettings unvended = CatalogSettings.rest(LAYOUT.catalog(), server.uri(), server.warehouse(),
        new RestCatalogSettings(null, LocalRestCatalog.CLIENT_ID + ":" + LocalRestCatalog.CLIENT_SECRET, null, null,
            null, Map.of(), false), null);
    try (var catalog = (Catalog & AutoCloseable) Catalogs.open(unvended)) {
      Table table = catalog.loadTable(id(LAYOUT.silver()));
      assertThatThrownBy(() -> rows(table)).isInstanceOf(RuntimeException.class);
    }

    // Trino with the catalog file the stack chart renders for a vended-credentials REST catalog: OAuth2, no S3 keys
    Map.Entry<String, String> file = KindTrinoCatalog.render(dir, Map.of("catalog.type", "rest",
        "catalog.rest.uri", server.uri(), "catalog.rest.warehouse", server.warehouse(),
        "catalog.rest.credentialSecret", "userflow-rest-catalog", "catalog.rest.vendedCredentials", "true"),
        objectStore.endpoint());
    assertThat(file.getValue()).contains("iceberg.catalog.type=rest", "iceberg.rest-catalog.vended-credentials-enabled=true")
        .doesNotContain("s3.aws-access-key");
    Path etc = Path.of(System.getProperty("userflow.trino.etc"));
    try (LocalTrino trino = LocalTrino.start(Path.of(System.getProperty("userflow.trino.home")), LocalTrino.javaHome(),
        etc, java.nio.file.Files.createDirectories(dir.resolve("trino")), Map.of(file.getKey(), file.getValue()),
        Map.of("CATALOG_CREDENTIAL", LocalRestCatalog.CLIENT_ID + ":" + LocalRestCatalog.CLIENT_SECRET))) {
      trino.awaitReady();
      List<List<Object>> count = trino.query("SELECT count(*) FROM " + file.getKey() + "." + LAYOUT.namespace() + "."
          + LAYOUT.silver());
      assertThat(((Number) count.get(0).get(0)).longValue()).isEqualTo(silverRows);
      List<List<Object>> daily = trino.query("SELECT count(*) FROM " + file.getKey() + "." + LAYOUT.namespace() + "."
          + LAYOUT.goldDaily());
      assertThat(((Number) daily.get(0).get(0)).longValue()).isEqualTo(spark.table(LAYOUT.sparkName(LAYOUT.goldDaily())).count());
    }
  }

  private static TableIdentifier id(String table) {
    return TableIdentifier.of(LAYOUT.namespace(), table);
  }

  private static long rows(Table table) throws java.io.IOException {
    long n = 0;
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record ignored : records) {
        n++;
      }
    }
    return n;
  }
}
