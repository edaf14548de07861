package io.userflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of every panel of a Grafana dashboard on the Trino data source, as the trino-datasource plugin sends it:
 * its macros expanded for the dashboard's own default time range ({@code time.from}, {@code time.to}).
 * A macro this class does not expand, or a dashboard variable, is an error: the dashboard defines none.
 */
final class DashboardPanels {
  /** One query of one panel. */
  record PanelQuery(int panelId, String title, String refId, String sql) {}

  /** The expansions of the plugin (grafana-trino, pkg/trino/macros.go): timestamps in UTC, seconds precision. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(([^)]*)\\)");
  private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdw]))?");

  private DashboardPanels() {}

  static List<PanelQuery> read(Path dashboard, Instant now) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
    Instant from = relative(root.at("/time/from").asText(), now);
    Instant to = relative(root.at("/time/to").asText(), now);
    if (!root.at("/templating/list").isEmpty()) {
      // Grafana leaves unknown $names alone (so "table$snapshots" passes through); defined ones it would replace
      throw new IllegalArgumentException("the dashboard defines variables; substitute them here first: " + root.at("/templating/list"));
    }
    List<PanelQuery> queries = new ArrayList<>();
    for (JsonNode panel : root.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new PanelQuery(panel.path("id").asInt(), panel.path("title").asText(), target.path("refId").asText(),
            expand(target.path("rawSQL").asText(), from, to)));
      }
    }
    return queries;
  }

  static String expand(String sql, Instant from, Instant to) {
    Matcher m = MACRO.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String arg = m.group(2).strip();
      String expanded = switch (m.group(1)) {
        case "timeFrom" -> "TIMESTAMP '" + TIMESTAMP.format(from) + "'";
        case "timeTo" -> "TIMESTAMP '" + TIMESTAMP.format(to) + "'";
        case "timeFilter" -> arg + " BETWEEN TIMESTAMP '" + TIMESTAMP.format(from) + "' AND TIMESTAMP '" + TIMESTAMP.format(to) + "'";
        case "dateFilter" -> arg + " BETWEEN date '" + DATE.format(from) + "' AND date '" + DATE.format(to) + "'";
        default -> throw new IllegalArgumentException("macro $__" + m.group(1) + " is not expanded by this test: " + sql);
      };
      m.appendReplacement(out, Matcher.quoteReplacement(expanded));
    }
    m.appendTail(out);
    if (out.indexOf("$__") >= 0) {
      throw new IllegalArgumentException("unexpanded Grafana macro in panel SQL: " + out);
    }
    return out.toString();
  }

  /** Grafana's relative time {@code now} or {@code now-<n><unit>}. */
  static Instant relative(String expr, Instant now) {
    Matcher m = RELATIVE.matcher(expr);
    if (!m.matches()) {
      throw new IllegalArgumentException("time range '" + expr + "' is not now or now-<n><s|m|h|d|w>");
    }
    if (m.group(1) == null) {
      return now;
    }
    long n = Long.parseLong(m.group(1));
    Duration unit = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      case "h" -> Duration.ofHours(1);
      case "d" -> Duration.ofDays(1);
      default -> Duration.ofDays(7);
    };
    return now.minus(unit.multipliedBy(n));
  }
}
