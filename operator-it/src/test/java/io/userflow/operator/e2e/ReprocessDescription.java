package io.userflow.operator.e2e;

import io.fabric8.kubernetes.api.model.Event;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.status.Condition;
import io.userflow.operator.api.status.FailureStatus;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.api.status.StageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@code kubectl describe reprocess}-style text of a Reprocess and its Events. Pure. */
final class ReprocessDescription {
  private ReprocessDescription() {}

  static String render(Reprocess rp, List<Event> events, Instant now) {
    StringBuilder out = new StringBuilder();
    ReprocessSpec spec = rp.getSpec();
    ReprocessStatus s = rp.getStatus() == null ? new ReprocessStatus() : rp.getStatus();
    field(out, "", "Name", rp.getMetadata().getName());
    field(out, "", "Namespace", rp.getMetadata().getNamespace());
    field(out, "", "Annotations", annotations(rp.getMetadata().getAnnotations()));
    field(out, "", "API Version", rp.getApiVersion());
    field(out, "", "Kind", rp.getKind());
    out.append("Spec:\n");
    field(out, "  ", "Pipeline Ref", spec.pipelineRef);
    field(out, "  ", "Stages", String.valueOf(spec.stages));
    field(out, "  ", "Mode", String.valueOf(spec.mode));
    field(out, "  ", "Range", spec.range == null ? "<none>" : spec.range.from + ".." + spec.range.to);
    field(out, "  ", "Approval", String.valueOf(spec.approval));
    field(out, "  ", "Retry Limit", String.valueOf(spec.retryLimit));
    out.append("Status:\n");
    field(out, "  ", "Phase", String.valueOf(s.phase));
    field(out, "  ", "Generation", rp.getMetadata().getGeneration() + " (observed " + s.observedGeneration + ")");
    field(out, "  ", "Mode", s.mode);
    field(out, "  ", "Source Snapshots", s.sourceSnapshots);
    field(out, "  ", "Lag Snapshots", s.lagSnapshots == null ? null : s.lagSnapshots.toString());
    out.append("  Conditions:\n");
    List<List<String>> conditions = new ArrayList<>();
    conditions.add(List.of("Type", "Status", "Reason", "Last Transition", "Message"));
    for (Condition c : s.conditions) {
      conditions.add(List.of(c.type, c.status, c.reason, c.lastTransitionTime == null ? "<none>" : c.lastTransitionTime,
          c.message));
    }
    table(out, "    ", conditions);
    stage(out, "Silver", s.silver);
    stage(out, "Gold", s.gold);
    failure(out, s.failure);
    out.append("Events:\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Type", "Reason", "Age", "From", "Message"));
    events.stream().sorted(Comparator.comparing(ReprocessDescription::time)).forEach(e -> rows.add(List.of(
        e.getType(), e.getReason(), age(time(e), now), e.getSource() == null ? "" : e.getSource().getComponent(),
        e.getMessage())));
    if (rows.size() == 1) {
      out.append("  <none>\n");
    } else {
      table(out, "  ", rows);
    }
    return out.toString();
  }

  private static void stage(StringBuilder out, String name, StageStatus run) {
    out.append("  ").append(name).append(":\n");
    if (run == null) {
      out.append("    <not planned>\n");
      return;
    }
    StagePlan p = run.plan;
    if (p != null) {
      field(out, "    ", "Plan", p.mode + " (" + p.reason + ") " + p.message);
      field(out, "    ", "Source", p.sourceTable + " snapshots " + p.snapshotRange + " (" + p.snapshotCount
          + " snapshots, ~" + p.estimatedRecords + " records in " + p.estimatedFiles + " files)");
      field(out, "    ", "Partitions", p.partitions == null ? null : p.partitions.description);
    }
    field(out, "    ", "Application", run.application);
    field(out, "    ", "Attempt", run.attempt == null ? null
        : run.attempt + " (failed attempts " + run.failedAttempts + ")");
    field(out, "    ", "State", run.state);
    field(out, "    ", "Error", run.errorMessage);
  }

  private static void failure(StringBuilder out, FailureStatus f) {
    out.append("  Failure:");
    if (f == null) {
      out.append(" <none>\n");
      return;
    }
    out.append('\n');
    field(out, "    ", "Stage", String.valueOf(f.stage));
    field(out, "    ", "Reason", f.reason);
    field(out, "    ", "Message", f.message);
    if (f.recoveryUnit != null) {
      field(out, "    ", "Recovery Unit", f.recoveryUnit.kind + ": " + f.recoveryUnit.description);
    }
    field(out, "    ", "Next Step", f.nextStep);
  }

  private static void field(StringBuilder out, String indent, String name, String value) {
    String label = indent + name + ":";
    out.append(String.format("%-21s %s%n", label, value == null ? "<none>" : value));
  }

  private static void table(StringBuilder out, String indent, List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], String.valueOf(row.get(i)).length());
      }
    }
    List<String> rule = new ArrayList<>();
    rows.get(0).forEach(h -> rule.add("-".repeat(h.length())));
    List<List<String>> all = new ArrayList<>(rows);
    all.add(1, rule);
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        String cell = String.valueOf(row.get(i));
        line.append(i == columns - 1 ? cell : String.format("%-" + (width[i] + 2) + "s", cell));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String annotations(Map<String, String> annotations) {
    if (annotations == null || annotations.isEmpty()) {
      return "<none>";
    }
    return String.join(", ", new TreeMap<>(annotations).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .toList());
  }

  private static Instant time(Event e) {
    String t = e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getFirstTimestamp();
    return t == null ? Instant.EPOCH : Instant.parse(t);
  }

  /** kubectl's short ages: 45s, 3m12s, 2h. */
  static String age(Instant at, Instant now) {
    long s = Math.max(0, Duration.between(at, now).getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 600) {
      return s / 60 + "m" + s % 60 + "s";
    }
    return s < 7200 ? s / 60 + "m" : s / 3600 + "h";
  }
}
