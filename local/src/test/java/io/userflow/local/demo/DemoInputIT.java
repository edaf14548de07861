package io.userflow.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.local.simulator.SimulatorMain;
import io.userflow.local.testing.Chromium;
import io.userflow.local.testing.PyIcebergReader;
import io.userflow.jobs.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.userflow.local.testing.CommandRun;
import picocli.CommandLine;

/**
 * {@code demo --input}: files that are not JSON lines stop it before anything starts; two real files run the demo's
 * whole path (real broker, Spark local mode, Iceberg tables) with the same report, the status view embedded;
 * PyIceberg opens every table it wrote and reads the rows Spark reads, and headless Chromium opens the HTML report.
 */
class DemoInputIT {
  @TempDir Path dir;
  final CommandRun cli = new CommandRun();

  @Test
  void refusesWhatIsNotJsonLinesBeforeStartingAnything() throws Exception {
    Path local = dir.resolve("local");
    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, "{\"event_id\":\"a\"}\n");
    Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "event_id,user_id\na,u1\n");
    Path mostlyBad = dir.resolve("mostly-bad.jsonl");
    Files.writeString(mostlyBad, "{\"event_id\":\"a\"}\n{\"event_id\":\"b\"}\nnot json\n[1,2]\n");

    assertThat(demo("--local-dir", local.toString(), "--input", good + "," + dir.resolve("missing.jsonl"))).isEqualTo(1);
    assertThat(cli.err()).contains("input file not found: " + dir.resolve("missing.jsonl").toAbsolutePath());
    assertThat(demo("--local-dir", local.toString(), "--input", good + "," + csv)).isEqualTo(1);
    assertThat(cli.err()).contains(csv + " is not JSON lines: line 1 is not a JSON object (event_id,user_id)");
    assertThat(demo("--local-dir", local.toString(), "--input", mostlyBad.toString())).isEqualTo(1);
    assertThat(cli.err()).contains(mostlyBad + " is not JSON lines: line 3 is not a JSON object (not json); 2 of 4 lines are not");
    assertThat(demo("--local-dir", local.toString(), "--input", good.toString(), "--users", "3")).isEqualTo(2);
    assertThat(cli.err()).contains("--input replaces the simulator; leave out --users");
    // nothing was wiped or started: no local dir, so no broker and no catalog
    assertThat(local).doesNotExist();
  }

  @Test
  void runsTheWholeDemoOnTheUsersFiles() throws Exception {
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");
    assertThat(simulate(first, start + "T00:00:00Z", "3d", "1")).isZero();
    assertThat(simulate(second, start.plusDays(3) + "T00:00:00Z", "1d", "2")).isZero();
    long lines = Files.readAllLines(first).size() + Files.readAllLines(second).size();
    // the fields examples/features.yaml declares, on every other purchase of the first file
    long discounted = addDiscounts(first);
    assertThat(discounted).isPositive();

    Path local = dir.resolve("local");
    // the users' own feature groups too: written beside the default tables, compared with the rebuild like them
    Path features = Path.of("..", "examples", "features.yaml");
    assertThat(demo("--local-dir", local.toString(), "--input", first + "," + second, "--features", features.toString()))
        .as(cli.err()).isZero();
    String report = cli.out();
    assertThat(report).startsWith("userflow demo report\n");
    assertThat(report).contains("Replayed " + lines + " records from 2 file(s): first.jsonl ("
        + Files.readAllLines(first).size() + "), second.jsonl (" + Files.readAllLines(second).size() + ")");
    assertThat(report).containsPattern("Bronze \\(raw, as received\\) +" + lines + "\n");
    assertThat(report).contains("events/batch-1 ", "events/batch-2 ", "rebuild/rebuild");
    assertThat(report).contains("=> the incremental tables equal a rebuild from scratch.");
    assertThat(report).containsPattern("shopper_30d +identical \\(\\d+ rows\\)")
        .containsPattern("product_daily +identical \\(\\d+ rows\\)");
    assertThat(report).containsPattern("Feature group +shopper_daily").contains("its definition is unchanged");
    assertThat(report).contains("Status per layer after the last batch (./userflow status)", "Pending:    0 records in Kafka",
        "Next:       NOOP (NO_NEW_SNAPSHOTS)");
    assertThat(Files.readString(local.resolve("report/index.html"))).contains("Status per layer after the last batch");

    // a second, independent reader opens every table the demo wrote and reads the rows Spark reads
    TableLayout layout = TableLayout.defaults();
    CatalogSettings catalog = CatalogSettings.local(layout.catalog(), local);
    SparkSession spark = SparkTestSession.start(local, layout.catalog());
    try {
      List<String> names = new java.util.ArrayList<>(layout.allTables());
      names.addAll(List.of("shopper_daily", "shopper_30d", "product_daily"));
      List<String> tables = names.stream().map(layout::qualified).toList();
      List<Dataset<Row>> read = PyIcebergReader.read(spark, catalog, dir.resolve("pyiceberg"), tables);
      for (int i = 0; i < tables.size(); i++) {
        Dataset<Row> bySpark = spark.table(layout.sparkName(names.get(i)));
        long rows = bySpark.count();
        assertThat(rows).as("%s has rows", tables.get(i)).isPositive();
        assertThat(read.get(i).count()).as("rows PyIceberg reads from %s", tables.get(i)).isEqualTo(rows);
        assertThat(read.get(i).exceptAll(bySpark).limit(5).collectAsList())
            .as("rows of %s PyIceberg reads and Spark does not", tables.get(i)).isEmpty();
        assertThat(bySpark.exceptAll(read.get(i)).limit(5).collectAsList())
            .as("rows of %s Spark reads and PyIceberg does not", tables.get(i)).isEmpty();
      }
      long withCoupon = spark.sql("SELECT count(*) FROM " + layout.sparkName(layout.silver()) + " WHERE discount = 1.25"
          + " AND coupon = 'WELCOME'").first().getLong(0);
      assertThat(withCoupon).as("declared fields in Silver (duplicates of a changed line may differ)").isPositive()
          .isLessThanOrEqualTo(discounted);
      assertThat(spark.sql("SELECT count(*) FROM " + layout.sparkName(layout.silver()) + " WHERE coupon IS NOT NULL")
          .first().getLong(0)).isEqualTo(withCoupon);
      assertThat(spark.sql("SELECT sum(coupons_used) FROM " + layout.sparkName("shopper_daily")).first().getLong(0))
          .as("a feature over a declared field").isEqualTo(withCoupon);
      opensTheReportPageInABrowser(spark, layout, local.resolve("report/index.html"), report, lines);
    } finally {
      spark.stop();
    }
  }

  /** Adds {@code discount: 1.25} and {@code coupon: WELCOME} to every other purchase of {@code file}; returns how many. */
  private static long addDiscounts(Path file) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> out = new java.util.ArrayList<>();
    long purchases = 0;
    long changed = 0;
    for (String line : Files.readAllLines(file)) {
      com.fasterxml.jackson.databind.JsonNode node;
      try {
        node = json.readTree(line);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        out.add(line); // a malformed line stays: Silver rejects it
        continue;
      }
      if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o && "purchase".equals(o.path("event_type").asText())
          && purchases++ % 2 == 0) {
        o.put("discount", new java.math.BigDecimal("1.25")).put("coupon", "WELCOME");
        changed++;
        line = json.writeValueAsString(o);
      }
      out.add(line);
    }
    Files.write(file, out);
    return changed;
  }

  /**
   * Headless Chromium opens the HTML report at a laptop's width: its tables hold the numbers Spark and the replayed
   * files give, the same as the text report, nothing runs past the window or out of its box, and a screenshot of
   * the whole page stays in {@code target/demo-report/}.
   */
  private void opensTheReportPageInABrowser(SparkSession spark, TableLayout layout, Path index, String report,
      long lines) throws Exception {
    Path out = Path.of("target", "demo-report").toAbsolutePath();
    Files.createDirectories(out);
    Path page = Files.copy(index, out.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING);
    Chromium chromium = Chromium.find(out);

    Chromium.Layout shown = chromium.layout(page, 1200);
    assertThat(shown.viewportWidth()).as("the browser's window width").isEqualTo(1200);
    assertThat(shown.scrollWidth()).as("the page's width at 1200 px (wider scrolls sideways)").isLessThanOrEqualTo(1200);
    assertThat(shown.tooWide()).as("elements past the window's right edge").isEmpty();
    assertThat(shown.overflowing()).as("boxes whose text runs out of them").isEmpty();
    assertThat(shown.clipped()).as("chart labels cut off").isEmpty();
    Path png = chromium.screenshot(page, out.resolve("report-1200px.png"), 1200, Math.max(2000, shown.scrollHeight()));
    System.out.println("screenshot of the report page: " + png);

    String dom = chromium.dom(page, 1200, 2000);
    TableLayout rebuild = layout.inNamespace("rebuild");
    assertThat(Chromium.table(dom, "layer-rows")).contains(List.of("Bronze (raw, as received)", Long.toString(lines)),
        List.of("Silver events", count(spark, layout, layout.silver())),
        List.of("Silver rejects", count(spark, layout, layout.rejects())),
        List.of("Gold user_daily_features", count(spark, layout, layout.goldDaily())),
        List.of("Gold user_rolling_7d_features", count(spark, layout, layout.goldRolling())));

    List<List<String>> byReason = spark.table(layout.sparkName(layout.rejects())).groupBy("reason_code").count()
        .collectAsList().stream().map(r -> List.of(r.getString(0), Long.toString(r.getLong(1)))).toList();
    assertThat(byReason).as("reject reasons in the simulated files").isNotEmpty();
    List<List<String>> rejectRows = Chromium.table(dom, "reject-rows");
    assertThat(rejectRows.get(0)).containsExactly("Reason", "Rows");
    assertThat(rejectRows.subList(1, rejectRows.size())).containsExactlyInAnyOrderElementsOf(byReason);

    List<List<String>> compared = Chromium.table(dom, "comparison-rows");
    for (String table : List.of(layout.silver(), layout.rejects(), layout.goldDaily(), layout.goldRolling())) {
      assertThat(compared).contains(List.of(table, count(spark, layout, table), count(spark, rebuild, table), "0", "0",
          "identical"));
    }

    List<List<String>> plans = Chromium.table(dom, "plan-rows");
    assertThat(plans.get(0)).containsExactly("Run", "Stage", "Mode", "Reason", "What it did");
    plans = plans.subList(1, plans.size());
    assertThat(plans).extracting(r -> r.get(0) + " " + r.get(1)).containsExactly("events/batch-1 silver",
        "events/batch-1 gold", "events/batch-2 silver", "events/batch-2 gold", "rebuild/rebuild silver",
        "rebuild/rebuild gold");
    for (List<String> plan : plans) {
      assertThat(report).as("the text report's line for this row").contains(
          String.format("  %-16s %-6s %-11s %-24s %s%n", plan.toArray()));
    }
    assertThat(plans.get(4).subList(2, 4)).containsExactly("FULL", "FORCED_BY_REQUEST");

    List<List<String>> status = Chromium.table(dom, "status-rows");
    status = status.subList(1, status.size());
    assertThat(status).extracting(r -> r.get(0)).containsExactly("Bronze\n" + layout.bronze(),
        "Silver\n" + layout.silver(), "Silver rejects\n" + layout.rejects(), "Gold daily\n" + layout.goldDaily(),
        "Gold rolling\n" + layout.goldRolling(), "Feature group\nshopper_daily", "Feature group\nshopper_30d",
        "Feature group\nproduct_daily");
    for (List<String> layer : status) {
      List<String> names = List.of("Snapshot:", "Processed:", "Pending:", "Next:");
      for (int i = 0; i < names.size(); i++) {
        assertThat(report).contains(String.format("    %-11s %s%n", names.get(i), layer.get(i + 1)));
      }
    }
    assertThat(status.get(0).get(3)).startsWith("0 records in Kafka");
    assertThat(status.get(1).get(4)).startsWith("NOOP (NO_NEW_SNAPSHOTS)");

    assertThat(dom).contains("<svg id=\"rejects-chart\"", ">reason_code</text>", "<svg id=\"activity-chart\"",
        ">feature_date</text>", ">count per day</text>");
  }

  private static String count(SparkSession spark, TableLayout layout, String table) {
    return Long.toString(spark.table(layout.sparkName(table)).count());
  }

  private int simulate(Path file, String start, String duration, String seed) {
    return run(SimulatorMain.commandLine(), "simulate", "--output", file.toString(), "--users", "25", "--start", start,
        "--duration", duration, "--seed", seed);
  }

  private int demo(String... args) {
    return run(DemoMain.commandLine(), args);
  }

  private int run(CommandLine cl, String... args) {
    return cli.run(cl, args);
  }
}
