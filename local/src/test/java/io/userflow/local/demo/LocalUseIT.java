package io.userflow.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.layout.TableLayout;
import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.local.broker.BrokerMain;
import io.userflow.local.stages.LocalBronze;
import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.training.TrainingSetJob;
import io.userflow.jobs.silver.SilverJob;
import io.userflow.local.simulator.SimulatorMain;
import io.userflow.local.status.StatusMain;
import io.userflow.local.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Local use beyond the demo, through the commands' picocli entry points as the userflow script runs them: broker
 * start, replay and bronze with no address, silver, gold, status before and after new data, then show and sql as
 * of an earlier snapshot or time. A real broker and real Iceberg tables; expected values come from the input files
 * and the tables' own metadata.
 */
class LocalUseIT {
  @TempDir Path dir;
  final CommandRun cli = new CommandRun();
  Path week;
  Path day5;
  long day5Lines;

  @BeforeEach
  void startBrokerAndWriteInputs() throws Exception {
    assertThat(run(BrokerMain.commandLine(), "--local-dir", dir.toString(), "start")).as(cli.err()).isZero();
    week = dir.resolve("in/week.jsonl");
    day5 = dir.resolve("in/day5.jsonl");
    assertThat(run(SimulatorMain.commandLine(), "simulate", "--output", week.toString(), "--users", "30",
        "--start", "2026-11-20T00:00:00Z", "--duration", "4d")).isZero();
    assertThat(run(SimulatorMain.commandLine(), "simulate", "--output", day5.toString(), "--users", "30",
        "--start", "2026-11-24T00:00:00Z", "--duration", "1d", "--seed", "7")).isZero();
    day5Lines = Files.readAllLines(day5).size();
  }

  @AfterEach
  void stopBroker() {
    new BackgroundBroker(dir).stop();
  }

  @Test
  void stagesStatusAndPointInTimeReads() throws Exception {
    replayAndBronze(week);
    assertThat(stage(SilverJob.commandLine())).isZero();
    assertThat(stage(GoldJob.commandLine())).isZero();
    assertThat(run(StatusMain.commandLine(), "--local-dir", dir.toString())).as(cli.err()).isZero();
    String settled = cli.out();
    Table silver = table("silver_events");
    Table daily = table("user_daily_features");
    assertThat(block(settled, "Bronze")).contains("Pending:    0 records in Kafka");
    assertThat(block(settled, "Gold daily")).contains("Snapshot:   " + daily.currentSnapshot().snapshotId(),
        "Processed:  silver_events snapshot " + silver.currentSnapshot().snapshotId(), "Pending:    0 source snapshot(s), 0 records",
        "Next:       NOOP (NO_NEW_SNAPSHOTS)");
    assertThat(block(settled, "Silver")).contains("Next:       NOOP (NO_NEW_SNAPSHOTS)");
    Snapshot dailyBefore = daily.currentSnapshot();
    long silverProcessed = silver.currentSnapshot().snapshotId();

    // one more day through Bronze, and the same day once more left in Kafka
    long newBronzeSnapshot = replayAndBronze(day5);
    assertThat(run(SimulatorMain.commandLine(), "replay", "--local-dir", dir.toString(), "--input", day5.toString())).isZero();
    assertThat(run(StatusMain.commandLine(), "--local-dir", dir.toString())).as(cli.err()).isZero();
    String pending = cli.out();
    assertThat(block(pending, "Bronze")).contains("Snapshot:   " + newBronzeSnapshot,
        "Pending:    " + day5Lines + " records in Kafka", "streams the " + day5Lines + " pending records");
    assertThat(block(pending, "Silver")).contains("Pending:    1 source snapshot(s), " + day5Lines + " records",
        "Next:       INCREMENTAL (APPENDS_ONLY) 1 append snapshot(s) with " + day5Lines + " new records");
    assertThat(block(pending, "Silver rejects")).contains("Pending:    1 source snapshot(s), " + day5Lines + " records");
    assertThat(block(pending, "Gold rolling")).contains("Processed:  silver_events snapshot " + silverProcessed,
        "Next:       NOOP (NO_NEW_SNAPSHOTS)");

    assertThat(stage(SilverJob.commandLine())).isZero();
    assertThat(stage(GoldJob.commandLine())).isZero();
    daily.refresh();
    assertThat(daily.currentSnapshot().snapshotId()).isNotEqualTo(dailyBefore.snapshotId());

    // features as they were: by snapshot id, by time, and through sql's VERSION AS OF
    long rowsThen = liveRows(dailyBefore);
    assertThat(show("user_daily_features", "--as-of", Long.toString(dailyBefore.snapshotId()))).hasSize((int) rowsThen + 1);
    assertThat(cli.err()).contains("as of snapshot " + dailyBefore.snapshotId());
    // the time it became main's snapshot: Gold commits on its audit branch and publishes by fast-forward later
    long becameCurrent = daily.history().stream().filter(h -> h.snapshotId() == dailyBefore.snapshotId())
        .mapToLong(org.apache.iceberg.HistoryEntry::timestampMillis).max().orElseThrow();
    String byTime = String.join("\n", show("user_daily_features", "--as-of", Instant.ofEpochMilli(becameCurrent).toString()));
    assertThat(byTime).isEqualTo(String.join("\n", show("user_daily_features", "--as-of", Long.toString(dailyBefore.snapshotId()))));
    assertThat(show("user_daily_features")).hasSize((int) liveRows(daily.currentSnapshot()) + 1);
    assertThat(run(ShowMain.commandLine(), "--local-dir", dir.toString(), "--csv", "--sql",
        "SELECT count(*) AS n FROM userflow.events.user_daily_features VERSION AS OF " + dailyBefore.snapshotId()))
        .as(cli.err()).isZero();
    assertThat(cli.out()).isEqualTo("n\n" + rowsThen + "\n");

    // before the history, or an unknown id: one message naming the earliest snapshot, and Spark never starts
    HistoryEntry first = daily.history().get(0);
    String earliest = "its earliest snapshot is " + first.snapshotId() + " committed " + Instant.ofEpochMilli(first.timestampMillis());
    assertThat(run(ShowMain.commandLine(), "--local-dir", dir.toString(), "user_daily_features", "--as-of", "2026-01-01")).isEqualTo(1);
    assertThat(cli.err()).contains("has no snapshot at or before 2026-01-01T00:00:00Z", earliest).doesNotContain("SparkContext");
    assertThat(run(ShowMain.commandLine(), "--local-dir", dir.toString(), "--sql",
        "SELECT * FROM userflow.events.user_daily_features TIMESTAMP AS OF '2026-01-01 00:00:00'")).isEqualTo(1);
    assertThat(cli.err()).contains("has no snapshot at or before 2026-01-01T00:00:00Z", earliest);
    assertThat(run(ShowMain.commandLine(), "--local-dir", dir.toString(), "--sql",
        "SELECT * FROM userflow.events.user_daily_features VERSION AS OF 42")).isEqualTo(1);
    assertThat(cli.err()).contains("has no snapshot 42", earliest);

    // a training set from the same tables: each label gets the features of the days before it, in input order
    Path labels = dir.resolve("in/labels.csv");
    String user = show("user_daily_features").get(1).split(",")[0];
    Files.write(labels, java.util.List.of("user_id,timestamp,label", user + ",2026-11-25T09:30:00+01:00,1",
        user + ",2026-11-20T12:00:00Z,0", "nobody,2026-11-25T00:00:00Z,0"));
    Path out = dir.resolve("out/training.csv");
    assertThat(stage(TrainingSetJob.commandLine(), "--entities", labels.toString(), "--out", out.toString(),
        "--features", "user_rolling_7d_features.purchase_count,user_daily_features.*")).as(cli.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(cli.out());
    assertThat(summary.get("rowsOut").asLong()).isEqualTo(3);
    assertThat(summary.get("nulls").get("user_rolling_7d_features__purchase_count").asLong()).isEqualTo(2);
    assertThat(summary.get("mode").asText()).isEqualTo("event-time");
    assertThat(summary.get("out").asText()).isEqualTo(out.toString());
    java.util.List<String> written;
    try (var files = Files.list(out)) {
      written = Files.readAllLines(files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow());
    }
    assertThat(written.get(0)).startsWith("user_id,timestamp,label,user_rolling_7d_features__purchase_count,"
        + "user_daily_features__event_count,");
    assertThat(written.get(1)).startsWith(user + ",2026-11-25T09:30:00+01:00,1,").doesNotContain(",,,");
    assertThat(written.get(2)).startsWith(user + ",2026-11-20T12:00:00Z,0,,,");

    // the demo wipes the local dir: it refuses while the background broker runs there
    assertThat(run(DemoMain.commandLine(), "--local-dir", dir.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("./userflow broker stop");
    assertThat(table("user_daily_features").currentSnapshot().snapshotId()).isEqualTo(daily.currentSnapshot().snapshotId());
  }

  /** replay (no address) then bronze (no address, topic or checkpoint); returns Bronze's new snapshot id. */
  private long replayAndBronze(Path file) throws Exception {
    assertThat(run(SimulatorMain.commandLine(), "replay", "--local-dir", dir.toString(), "--input", file.toString()))
        .as(cli.err()).isZero();
    assertThat(stage(LocalBronze.commandLine())).as(cli.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(cli.out());
    assertThat(result.get("rowsWritten").asLong()).isEqualTo(Files.readAllLines(file).size());
    return result.get("snapshotIds").get(0).asLong();
  }

  /**
   * The user's own feature groups through gold and status: written beside the default tables, shown per table, and a
   * changed filter shown as what changed, then rebuilt alone by the next gold run.
   */
  @Test
  void declaredFeatureGroupsThroughGoldAndStatus() throws Exception {
    replayAndBronze(week);
    Path features = dir.resolve("features.yaml");
    Files.copy(Path.of("..", "examples", "features.yaml"), features);
    // Silver reads the file's events: section (two declared fields), Gold its groups over them
    assertThat(stage(SilverJob.commandLine(), "--features", features.toString())).as(cli.err()).isZero();
    assertThat(table("silver_events").schema().findField("discount")).as("a declared field is a Silver column")
        .isNotNull();
    assertThat(stage(GoldJob.commandLine(), "--features", features.toString())).as(cli.err()).isZero();
    JsonNode first = new ObjectMapper().readTree(cli.out());
    assertThat(first.get("declared")).hasSize(3).allMatch(d -> d.get("full").asBoolean());
    assertThat(show("shopper_30d").get(0)).isEqualTo("user_id,as_of_date,spend,big_purchases,spending_days");
    assertThat(show("product_daily").size()).isGreaterThan(1);

    assertThat(run(StatusMain.commandLine(), "--local-dir", dir.toString(), "--features", features.toString()))
        .as(cli.err()).isZero();
    assertThat(cli.out()).containsPattern("Feature group +shopper_30d").contains("its definition is unchanged")
        .doesNotContain("DEFINITION_CHANGED");

    Files.writeString(features, Files.readString(features).replace("price >= 50", "price >= 80"));
    assertThat(run(StatusMain.commandLine(), "--local-dir", dir.toString(), "--features", features.toString()))
        .as(cli.err()).isZero();
    String changed = cli.out();
    assertThat(changed).contains("Next:       INCREMENTAL (DEFINITION_CHANGED)",
        "its definition changed (feature big_purchases: filter changed), so the next Gold run rebuilds it in full",
        "its definition changed (its daily group shopper_daily changed), so the next Gold run rebuilds it in full",
        "its definition is unchanged, so it follows the stage's plan");
    assertThat(block(changed, "Gold daily")).contains("Next:       INCREMENTAL (DEFINITION_CHANGED)");
    long productSnapshot = table("product_daily").currentSnapshot().snapshotId();
    assertThat(stage(GoldJob.commandLine(), "--features", features.toString())).as(cli.err()).isZero();
    JsonNode second = new ObjectMapper().readTree(cli.out());
    assertThat(second.get("plan").get("rebuilds")).extracting(c -> c.get("table").asText())
        .containsExactly("shopper_daily", "shopper_30d");
    assertThat(table("product_daily").currentSnapshot().snapshotId()).as("product_daily is untouched")
        .isEqualTo(productSnapshot);

    Files.writeString(features, Files.readString(features).replace("price >= 80", "prise >= 80"));
    assertThat(stage(GoldJob.commandLine(), "--features", features.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("feature group shopper_daily, feature big_purchases, filter at 1:29: unknown field prise");
  }

  private int stage(CommandLine cl, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(new String[] {"--local-dir", dir.toString(), "--master", "local[2]"}, 0, all, 0, 4);
    System.arraycopy(args, 0, all, 4, args.length);
    return run(cl, all);
  }

  private java.util.List<String> show(String table, String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(new String[] {"--local-dir", dir.toString(), "--csv", "--limit", "1000000", table}, 0, all, 0, 6);
    System.arraycopy(args, 0, all, 6, args.length);
    assertThat(run(ShowMain.commandLine(), all)).as(cli.err()).isZero();
    return cli.out().lines().toList();
  }

  private Table table(String name) {
    return Catalogs.open(CatalogSettings.local(TableLayout.DEFAULT_CATALOG, dir))
        .loadTable(TableIdentifier.of(TableLayout.DEFAULT_NAMESPACE, name));
  }

  /** The lines of one layer's block in the status text. */
  private static String block(String status, String layer) {
    int from = status.indexOf("\n" + String.format("%-15s ", layer));
    assertThat(from).as(layer + " in\n" + status).isNotNegative();
    int to = status.indexOf("\n\n", from + 1);
    return status.substring(from, to < 0 ? status.length() : to);
  }

  private int run(CommandLine cl, String... args) {
    return cli.run(cl, args);
  }

  /** Rows a snapshot reads: its records minus the positions its delete files remove (Gold merges on read). */
  private static long liveRows(org.apache.iceberg.Snapshot snapshot) {
    return Long.parseLong(snapshot.summary().get("total-records"))
        - Long.parseLong(snapshot.summary().getOrDefault("total-position-deletes", "0"));
  }
}
