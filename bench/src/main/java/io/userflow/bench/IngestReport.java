package io.userflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The ingest benchmark's report lines: each sink's steady state, start-up, files and bytes, check, and the ratios. */
final class IngestReport {
  private IngestReport() {}

  static List<String> lines(IngestBench.Figure f) {
    List<String> out = new ArrayList<>();
    out.add(String.format("ingest    topic %,d events in %d partitions, %.0f MB of values", f.events(),
        IngestBench.PARTITIONS, f.valueBytes() / 1e6));
    out.add(String.format("ingest    %-28s steady %,9.0f events/s  (median of %s; start included: %s)", "plain consumer",
        f.consumerEventsPerSecond(),
        f.consumerRuns().stream().map(r -> String.format("%,.0f", r.steadyEventsPerSecond())).collect(Collectors.joining(", ")),
        f.consumerRuns().stream().map(r -> String.format("%,.0f", r.overallEventsPerSecond())).collect(Collectors.joining(", "))));
    out.add(String.format("ingest    %-28s        %,9.0f events/s  (%s reads, the first warming up: %s s; start included)",
        "spark read, no write", f.events() / f.sparkReadSeconds().get(f.sparkReadSeconds().size() - 1),
        f.sparkReadSeconds().size(),
        f.sparkReadSeconds().stream().map(x -> String.format("%.2f", x)).collect(Collectors.joining(", "))));
    IngestBench.SinkFigure connect = f.sinks().stream().filter(s -> s.name().equals(IngestBench.CONNECT_NAME)).findFirst()
        .orElse(null);
    for (IngestBench.SinkFigure s : f.sinks()) {
      CommitTimeline t = s.timeline();
      double millions = t.records() / 1e6;
      out.add(String.format("ingest    %-28s steady %,9.0f events/s  (best interval %,9.0f)  start-up %5.1f s  overall %,9.0f events/s  "
              + "%3d commits  %6.1f files, %6.1f MB per M events  %s",
          s.name(), t.steadyEventsPerSecond(), t.peakEventsPerSecond(), t.startupSeconds(), t.overallEventsPerSecond(), t.commits().size(),
          t.files() / millions, t.bytes() / 1e6 / millions,
          s.problems().isEmpty() ? "exact (every partition, offset once)" : "WRONG: " + String.join("; ", s.problems())));
    }
    for (IngestBench.SinkFigure s : f.sinks()) {
      if (s == connect) {
        continue;
      }
      double b = s.timeline().steadyEventsPerSecond();
      out.add(String.format("ingest    %s steady / connect sink steady = %s;  / plain consumer steady = %.3f", s.name(),
          connect == null ? "(not run)" : String.format("%.2f", b / connect.timeline().steadyEventsPerSecond()),
          b / f.consumerEventsPerSecond()));
    }
    return out;
  }
}
