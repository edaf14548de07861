package io.userflow.local.demo;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.bronze.BronzeResult;
import io.userflow.local.demo.DemoPage.Column;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.silver.SilverResult;
import io.userflow.local.status.PipelineStatus;
import io.userflow.local.status.StatusText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Collects what each run did and renders the demo's report as text and as an HTML page (tables and SVG charts). */
final class DemoReport {
  private final String origin;
  private PipelineStatus status;
  private final List<String[]> decisions = new ArrayList<>();
  private final List<Compared> comparison = new ArrayList<>();
  private long bronzeRows;
  private long duplicatesRemoved;
  private long lateEvents;
  private boolean identical = true;
  private final StringBuilder text = new StringBuilder();

  /** @param origin the report's first line: what was simulated, or which files were replayed */
  DemoReport(String origin) {
    this.origin = origin;
  }

  /** What {@code ./userflow status} says after the last arrival batch, before the rebuild. */
  void status(PipelineStatus status) {
    this.status = status;
  }

  void bronze(BronzeResult r) {
    bronzeRows += r.rowsWritten();
  }

  void silver(String namespace, String run, SilverResult r) {
    if (!"rebuild".equals(namespace)) {
      duplicatesRemoved += r.duplicatesRemoved();
      lateEvents += r.lateEvents();
    }
    decisions.add(new String[] {namespace + "/" + run, "silver", r.plan().mode().name(), r.plan().reason().name(),
        r.plan().message() + (r.plan().isNoop() ? "" : String.format(" Wrote %d row(s) (the changed sessions"
            + " hold %d); features change on %d date(s).", r.rowsWritten(), r.rowsInChangedSessions(),
            r.affectedDates().size()))});
  }

  void gold(String namespace, String run, GoldResult r) {
    decisions.add(new String[] {namespace + "/" + run, "gold", r.plan().mode().name(), r.plan().reason().name(),
        r.plan().message() + (r.plan().isNoop() ? "" : String.format(" Wrote %d daily and %d rolling row(s) of %d"
            + " recomputed%s.", r.dailyRows(), r.rollingRows(), r.rowsRecomputed(), r.allPartitions() ? ""
            : " over " + r.dailyDates().size() + " daily and " + r.rollingDates().size() + " rolling date(s)"
            + (r.plan().partitions().goldRowLevel() ? ", changed rows only" : ", whole dates")))});
  }

  void compare(SparkSession spark, TableLayout incremental, TableLayout rebuilt, DeclaredGroups declared) {
    List<String[]> pairs = new java.util.ArrayList<>(List.of(new String[] {incremental.silver(), rebuilt.silver()},
        new String[] {incremental.rejects(), rebuilt.rejects()},
        new String[] {incremental.goldDaily(), rebuilt.goldDaily()},
        new String[] {incremental.goldRolling(), rebuilt.goldRolling()}));
    declared.groups().forEach(g -> pairs.add(new String[] {g.name(), g.name()}));
    for (String[] p : pairs) {
      Dataset<Row> a = spark.table(incremental.sparkName(p[0]));
      Dataset<Row> b = spark.table(rebuilt.sparkName(p[1]));
      Compared c = new Compared(p[0], a.count(), b.count(), a.exceptAll(b).count(), b.exceptAll(a).count());
      identical &= c.same();
      comparison.add(c);
    }
  }

  /** One table of the incremental runs against the same table rebuilt from scratch. */
  record Compared(String table, long incrementalRows, long rebuiltRows, long onlyIncremental, long onlyRebuilt) {
    boolean same() {
      return onlyIncremental == 0 && onlyRebuilt == 0;
    }

    String verdict() {
      return same() ? "identical (" + incrementalRows + " rows)"
          : "DIFFERENT: " + onlyIncremental + " rows only incremental, " + onlyRebuilt + " only full";
    }
  }

  boolean identical() {
    return identical;
  }

  String text() {
    return text.toString();
  }

  Path render(SparkSession spark, TableLayout layout, Path dir) throws IOException {
    Files.createDirectories(dir);
    DemoQueries q = new DemoQueries(spark, layout);
    List<Object[]> layers = List.of(
        new Object[] {"Bronze (raw, as received)", bronzeRows},
        new Object[] {"Silver events", q.count(layout.silver())},
        new Object[] {"Silver rejects", q.count(layout.rejects())},
        new Object[] {"duplicates removed", duplicatesRemoved},
        new Object[] {"sessions", q.sessions()},
        new Object[] {"late events absorbed (>1 h late)", lateEvents},
        new Object[] {"Gold user_daily_features", q.count(layout.goldDaily())},
        new Object[] {"Gold user_rolling_7d_features", q.count(layout.goldRolling())});
    Map<String, Long> rejects = q.rejectsByReason();
    List<Object[]> top = q.topFeatures(5);
    Map<String, long[]> perDay = q.perDay();

    line("userflow demo report");
    line("====================");
    line(origin);
    line("");
    line("Rows per layer");
    layers.forEach(l -> line(String.format("  %-34s %8d", l[0], l[1])));
    line("");
    line("Rejects by reason");
    rejects.forEach((k, v) -> line(String.format("  %-34s %8d", k, v)));
    line("");
    line("Plan decisions");
    for (String[] d : decisions) {
      line(String.format("  %-16s %-6s %-11s %-24s %s", d[0], d[1], d[2], d[3], d[4]));
    }
    line("");
    line("Top users by revenue (user_daily_features)");
    line("  " + String.format("%-10s %-10s %6s %8s %9s %10s %9s", "user", "date", "events", "sessions", "purchases",
        "revenue", "converted"));
    top.forEach(r -> line("  " + String.format("%-10s %-10s %6d %8d %9d %10s %9s", r)));
    line("");
    line("Incremental runs vs. full rebuild");
    comparison.forEach(c -> line(String.format("  %-34s %s", c.table(), c.verdict())));
    line(identical ? "  => the incremental tables equal a rebuild from scratch." : "  => MISMATCH: see above.");
    line("");
    line("Status per layer after the last batch (./userflow status)");
    (status == null ? "" : StatusText.render(status)).lines().forEach(l -> line("  " + l));

    Path index = dir.resolve("index.html");
    Files.writeString(index, html(layers, rejects, top, perDay), StandardCharsets.UTF_8);
    return index;
  }

  /** The HTML page: the text report's sections as tables, and two charts. */
  private String html(List<Object[]> layers, Map<String, Long> rejects, List<Object[]> top,
      Map<String, long[]> perDay) {
    List<String> sections = new ArrayList<>();
    sections.add(DemoPage.section("layers", "Rows per layer", DemoPage.table("layer-rows", null,
        List.of(Column.text("Layer", 70), Column.number("Rows", 30)),
        layers.stream().<List<?>>map(List::of).toList(), null)));
    sections.add(DemoPage.section("comparison", "Incremental runs vs. full rebuild",
        DemoPage.paragraph("Each table as the incremental runs left it, against the same table rebuilt from scratch"
            + " from the same Bronze (rows compared with EXCEPT ALL, both ways)."),
        DemoPage.table("comparison-rows", null, List.of(Column.text("Table", 24), Column.number("Incremental rows", 14),
            Column.number("Rebuild rows", 14), Column.number("Only incremental", 14), Column.number("Only rebuild", 14),
            Column.text("Result", 20)),
            comparison.stream().<List<?>>map(c -> List.of(c.table(), c.incrementalRows(), c.rebuiltRows(),
                c.onlyIncremental(), c.onlyRebuilt(), c.same() ? "identical" : "DIFFERENT")).toList(),
            comparison.stream().map(c -> !c.same()).toList()),
        DemoPage.verdict(identical, identical ? "The incremental tables equal a rebuild from scratch."
            : "MISMATCH: the incremental tables differ from a rebuild, see above.")));
    sections.add(DemoPage.section("plans", "Plan decisions",
        DemoPage.paragraph("Every run of the Silver and Gold stages: the mode the planner chose, why, and what the run"
            + " wrote. Namespace/run: the incremental runs (one per arrival batch), then the rebuild."),
        DemoPage.table("plan-rows", null, List.of(Column.text("Run", 14), Column.text("Stage", 7),
            Column.text("Mode", 13), Column.text("Reason", 22), Column.text("What it did", 44)),
            decisions.stream().<List<?>>map(List::of).toList(), null)));
    List<String> reasons = new ArrayList<>(rejects.keySet());
    sections.add(DemoPage.section("rejects", "Silver rejects by reason", rejects.isEmpty()
        ? DemoPage.paragraph("No rejects: every Bronze row passed Silver's checks.")
        : DemoPage.figure(DemoCharts.horizontalBars("rejects-chart", "Silver rejects by reason", "rows",
            "reason_code", reasons, reasons.stream().map(rejects::get).toList()),
            "Rows of silver_rejects per reason_code (the first check a row failed)."),
        rejects.isEmpty() ? "" : DemoPage.table("reject-rows", null,
            List.of(Column.text("Reason", 70), Column.number("Rows", 30)),
            rejects.entrySet().stream().<List<?>>map(e -> List.of(e.getKey(), e.getValue())).toList(), null)));
    List<String> days = new ArrayList<>(perDay.keySet());
    sections.add(DemoPage.section("activity", "Activity per day (Gold user_daily_features)",
        DemoPage.figure(DemoCharts.groupedBars("activity-chart", "Activity per day", "feature_date",
            "count per day", days, List.of("events / 10", "sessions", "purchases", "active users"),
            days.stream().map(d -> { long[] v = perDay.get(d);
              return new double[] {v[0] / 10.0, v[1], v[2], v[3]}; }).toList()),
            "Sums over user_daily_features per feature_date; events are divided by 10 to share the axis."),
        DemoPage.table("activity-rows", null, List.of(Column.text("feature_date", 24), Column.number("Events", 19),
            Column.number("Sessions", 19), Column.number("Purchases", 19), Column.number("Active users", 19)),
            days.stream().<List<?>>map(d -> { long[] v = perDay.get(d);
              return List.of(d, v[0], v[1], v[2], v[3]); }).toList(), null)));
    sections.add(DemoPage.section("top-users", "Top users by revenue (user_daily_features)",
        DemoPage.table("top-user-rows", null, List.of(Column.text("User", 20), Column.text("Date", 16),
            Column.number("Events", 12), Column.number("Sessions", 12), Column.number("Purchases", 12),
            Column.number("Revenue", 14), Column.text("Converted", 14)),
            top.stream().<List<?>>map(r -> Arrays.asList(r)).toList(), null)));
    sections.add(DemoPage.section("status", "Status per layer after the last batch (./userflow status)",
        status == null ? DemoPage.paragraph("Not read.") : DemoPage.table("status-rows", StatusText.heading(status),
            List.of(Column.text("Layer and table", 18), Column.text("Snapshot", 21), Column.text("Processed", 21),
                Column.text("Pending", 14), Column.text("Next", 26)),
            status.layers().stream().<List<?>>map(l -> {
              List<Object> row = new ArrayList<>(List.of(DemoPage.Html.twoLines(l.layer(), l.table())));
              row.addAll(StatusText.fields(l).values());
              return row;
            }).toList(), null)));
    return DemoPage.page("userflow demo report", origin, sections);
  }

  private void line(String s) {
    text.append(s).append('\n');
  }
}
