package io.userflow.jobs.demo;

import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.bronze.BronzeResult;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.silver.SilverResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Collects what each run did and renders the demo's report as text and as an HTML page with charts. */
final class DemoReport {
  private final String origin;
  private String status = "";
  private final List<String[]> decisions = new ArrayList<>();
  private final Map<String, String> comparison = new LinkedHashMap<>();
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
  void status(String statusText) {
    this.status = statusText;
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
            + " recomputed%s.", r.dailyRows(), r.rollingRows(), r.keysRecomputed(), r.allPartitions() ? ""
            : " over " + r.dailyDates().size() + " daily and " + r.rollingDates().size() + " rolling date(s)"
            + (r.plan().partitions().goldByKeys() ? ", by changed key" : ", whole dates")))});
  }

  void compare(SparkSession spark, TableLayout incremental, TableLayout rebuilt) {
    String[][] pairs = {{incremental.silver(), rebuilt.silver()}, {incremental.rejects(), rebuilt.rejects()},
        {incremental.goldDaily(), rebuilt.goldDaily()}, {incremental.goldRolling(), rebuilt.goldRolling()}};
    for (String[] p : pairs) {
      Dataset<Row> a = spark.table(incremental.sparkName(p[0]));
      Dataset<Row> b = spark.table(rebuilt.sparkName(p[1]));
      long onlyInc = a.exceptAll(b).count();
      long onlyFull = b.exceptAll(a).count();
      boolean same = onlyInc == 0 && onlyFull == 0;
      identical &= same;
      comparison.put(p[0], same ? "identical (" + a.count() + " rows)"
          : "DIFFERENT: " + onlyInc + " rows only incremental, " + onlyFull + " only full");
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
    line("userflow demo report");
    line("====================");
    line(origin);
    line("");
    line("Rows per layer");
    line(String.format("  %-34s %8d", "Bronze (raw, as received)", bronzeRows));
    line(String.format("  %-34s %8d", "Silver events", q.count(layout.silver())));
    line(String.format("  %-34s %8d", "Silver rejects", q.count(layout.rejects())));
    line(String.format("  %-34s %8d", "duplicates removed", duplicatesRemoved));
    line(String.format("  %-34s %8d", "sessions", q.sessions()));
    line(String.format("  %-34s %8d", "late events absorbed (>1 h late)", lateEvents));
    line(String.format("  %-34s %8d", "Gold user_daily_features", q.count(layout.goldDaily())));
    line(String.format("  %-34s %8d", "Gold user_rolling_7d_features", q.count(layout.goldRolling())));
    line("");
    line("Rejects by reason");
    Map<String, Long> rejects = q.rejectsByReason();
    rejects.forEach((k, v) -> line(String.format("  %-34s %8d", k, v)));
    line("");
    line("Plan decisions");
    for (String[] d : decisions) {
      line(String.format("  %-16s %-6s %-11s %-24s %s", d[0], d[1], d[2], d[3], d[4]));
    }
    line("");
    line("Top users by revenue (user_daily_features)");
    q.topFeatures(5).forEach(r -> line("  " + r));
    line("");
    line("Incremental runs vs. full rebuild");
    comparison.forEach((k, v) -> line(String.format("  %-34s %s", k, v)));
    line(identical ? "  => the incremental tables equal a rebuild from scratch." : "  => MISMATCH: see above.");
    line("");
    line("Status per layer after the last batch (./userflow status)");
    status.lines().forEach(l -> line("  " + l));

    Map<String, long[]> perDay = q.perDay();
    DemoCharts.activity(perDay, dir.resolve("activity.png"));
    DemoCharts.rejects(rejects, dir.resolve("rejects.png"));
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>userflow demo</title>"
        + "<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}</style></head><body>"
        + "<h1>userflow demo</h1><h2>Activity per day (Gold)</h2><img src=\"activity.png\" alt=\"activity per day\">"
        + "<h2>Rejects by reason (Silver)</h2><img src=\"rejects.png\" alt=\"rejects by reason\">"
        + "<h2>Report</h2><pre>" + escape(text.toString()) + "</pre></body></html>";
    Path index = dir.resolve("index.html");
    Files.writeString(index, html, StandardCharsets.UTF_8);
    return index;
  }

  private void line(String s) {
    text.append(s).append('\n');
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
