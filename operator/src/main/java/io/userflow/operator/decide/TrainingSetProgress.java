package io.userflow.operator.decide;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.training.FeatureRef;
import io.userflow.core.training.PointInTime;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.spec.TablesSpec;
import io.userflow.operator.api.spec.TrainingSetSpec;
import io.userflow.operator.api.status.TrainingSetPhase;
import io.userflow.operator.api.status.TrainingSetStatus;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.naming.ChildNames;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.AllowLists;
import io.userflow.operator.validate.PipelineValidator;
import io.userflow.operator.validate.TrainingSetValidator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TrainingSet state machine, pure apart from the {@link Tables} it asks: Pending checks the spec against the
 * pipeline and its tables and records the snapshot of every table read (the pinned one, or the current one); the next
 * step creates the job from that status, so what ran is what the status says; Running follows the application to
 * Succeeded or Failed. A bad spec fails here, with the field named, before any Spark job.
 */
public final class TrainingSetProgress {
  /** What the tables say; asked only while Pending. */
  public interface Tables {
    SourceHistory history(String table);

    List<String> columns(String table);
  }

  /**
   * @param trainingSet the resource (its status is not modified)
   * @param pipeline the referenced FeaturePipeline, null when it does not exist
   * @param application the owned SparkApplication, null when there is none
   * @param allowLists what the operator lets the pipeline's applications run
   */
  public record Inputs(TrainingSet trainingSet, FeaturePipeline pipeline, SparkApplication application, Tables tables,
      AllowLists allowLists, Instant now) {}

  /**
   * @param create the application to create (create-if-absent), or null
   * @param recordFirst the status names an application not created yet: the next step creates it
   */
  public record Step(TrainingSetStatus status, SparkApplication create, List<EventNote> events, boolean recordFirst) {}

  private final Inputs in;
  private final TrainingSetSpec spec;
  private final TrainingSetStatus s;
  private final List<EventNote> events = new ArrayList<>();
  private SparkApplication create;
  private boolean recordFirst;

  private TrainingSetProgress(Inputs in) {
    this.in = in;
    this.spec = in.trainingSet().getSpec();
    TrainingSetStatus current = in.trainingSet().getStatus();
    this.s = current == null ? new TrainingSetStatus()
        : Serialization.unmarshal(Serialization.asJson(current), TrainingSetStatus.class);
  }

  public static Step next(Inputs in) {
    return new TrainingSetProgress(in).run();
  }

  private Step run() {
    if (s.phase == null) {
      s.phase = TrainingSetPhase.Pending;
    }
    switch (s.phase) {
      case Pending -> start();
      case Running -> follow();
      default -> { }
    }
    decorate();
    return new Step(s, create, events, recordFirst);
  }

  private void start() {
    List<String> problems = new ArrayList<>(TrainingSetValidator.validate(spec));
    if (!problems.isEmpty()) {
      fail(EventReason.InvalidSpec, String.join("; ", problems));
      return;
    }
    if (!pipelineUsable()) {
      return;
    }
    Map<String, Long> snapshots = snapshots(problems);
    if (!problems.isEmpty()) {
      fail(EventReason.InvalidSpec, String.join("; ", problems));
      return;
    }
    s.mode = spec.asKnownAt ? "as-known-at" : "event-time";
    s.snapshots = snapshots;
    s.output = spec.output;
    s.application = ChildNames.trainingSet(in.trainingSet().getMetadata().getName());
    s.phase = TrainingSetPhase.Running;
    recordFirst = true;
    events.add(EventNote.normal(EventReason.StageSubmitted, "Building " + spec.output + " (" + s.mode + ") from "
        + snapshots.entrySet().stream().map(e -> e.getKey() + " snapshot " + e.getValue()).toList() + "."));
  }

  /**
   * Per table the features read, the snapshot to read it at, by table name (the API server returns a map's keys
   * sorted, so this is the order a stored status has too); problems name the spec field.
   */
  private Map<String, Long> snapshots(List<String> problems) {
    TablesSpec tables = in.pipeline().getSpec().tables;
    List<String> featureTables = new ArrayList<>(List.of(tables.goldDaily, tables.goldRolling));
    // the pipeline's declared groups are feature tables too (a pipeline with an invalid definition runs nothing)
    if (in.pipeline().getSpec().features != null && in.pipeline().getSpec().features.groups != null) {
      in.pipeline().getSpec().features.groups.forEach(g -> featureTables.add(g.name));
    }
    Map<String, List<String>> byTable = new LinkedHashMap<>();
    for (int i = 0; i < spec.features.size(); i++) {
      FeatureRef ref = FeatureRef.parse(spec.features.get(i));
      if (!featureTables.contains(ref.table())) {
        problems.add("spec.features[" + i + "] reads table " + ref.table() + ", which is not a feature table of "
            + "FeaturePipeline " + spec.pipelineRef + "; its feature tables: " + featureTables);
      } else {
        byTable.computeIfAbsent(ref.table(), t -> new ArrayList<>()).add(ref.feature());
      }
    }
    spec.snapshots.keySet().stream().filter(t -> !byTable.containsKey(t)).forEach(t -> problems.add(
        "spec.snapshots." + t + " names a table no spec.features entry reads"));
    Map<String, Long> snapshots = new TreeMap<>();
    byTable.forEach((table, features) -> {
      SourceHistory history = in.tables().history(table);
      if (history.currentSnapshotId() == null) {
        problems.add("spec.features reads table " + table + ", which has no snapshot yet; run a Reprocess of "
            + "FeaturePipeline " + spec.pipelineRef + " first");
        return;
      }
      try {
        PointInTime.features(table, in.tables().columns(table), spec.entityColumn, features);
      } catch (IllegalArgumentException e) {
        problems.add("spec.features: " + e.getMessage() + (e.getMessage().contains("key column")
            ? " (spec.entityColumn)" : ""));
        return;
      }
      Long pinned = spec.snapshots.get(table);
      if (pinned != null && history.snapshot(pinned).isEmpty()) {
        problems.add("spec.snapshots." + table + ": the table has no snapshot " + pinned + " (expired, or of "
            + "another table); its current snapshot is " + history.currentSnapshotId());
        return;
      }
      snapshots.put(table, pinned != null ? pinned : history.currentSnapshotId());
    });
    return snapshots;
  }

  private boolean pipelineUsable() {
    if (in.pipeline() == null) {
      fail(EventReason.PipelineNotFound, "spec.pipelineRef: FeaturePipeline " + spec.pipelineRef
          + " does not exist in namespace " + in.trainingSet().getMetadata().getNamespace()
          + "; create it, or create a new TrainingSet naming another.");
      return false;
    }
    if (!PipelineValidator.runnable(in.pipeline().getSpec(), in.allowLists())) {
      fail(EventReason.PipelineInvalid, "spec.pipelineRef: FeaturePipeline " + spec.pipelineRef
          + " has an invalid spec or one the operator does not allow; see its Ready condition.");
      return false;
    }
    return true;
  }

  private void follow() {
    SparkApplication app = in.application();
    if (app == null) {
      if (pipelineUsable()) {
        create = SparkApplicationFactory.trainingSet(in.trainingSet(), in.pipeline(), s);
      }
      return;
    }
    AppState state = app.getStatus() == null || app.getStatus().applicationState == null ? null
        : app.getStatus().applicationState.state;
    if (state == AppState.COMPLETED) {
      s.phase = TrainingSetPhase.Succeeded;
      s.completionTime = completion(app);
      events.add(EventNote.normal(EventReason.Succeeded, "Wrote " + s.output + "."));
    } else if (state != null && state.isFailed()) {
      String error = app.getStatus().applicationState.errorMessage;
      s.completionTime = completion(app);
      fail(EventReason.StageFailed, "The training-set job " + app.getMetadata().getName() + " failed"
          + (error == null || error.isBlank() ? "" : ": " + error) + ". Nothing of it is kept in the tables; remove "
          + s.output + " if it was left behind, then create a new TrainingSet (spec.snapshots from this status.snapshots "
          + "reads the same snapshots).");
    }
  }

  private String completion(SparkApplication app) {
    String t = app.getStatus().terminationTime;
    return t != null ? t : in.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private void fail(EventReason reason, String message) {
    s.phase = TrainingSetPhase.Failed;
    s.failure = message;
    events.add(EventNote.warning(reason, message));
    Conditions.set(s.conditions, Conditions.FAILED, true, reason.name(), message, generation(), in.now());
  }

  private void decorate() {
    long g = generation();
    s.observedGeneration = g;
    switch (s.phase) {
      case Pending, Running -> {
        String message = s.phase == TrainingSetPhase.Pending ? "Checking the spec against the pipeline's tables."
            : "The training-set job " + s.application + " is building " + s.output + ".";
        Conditions.set(s.conditions, Conditions.PROGRESSING, true, s.phase.name(), message, g, in.now());
        Conditions.set(s.conditions, Conditions.SUCCEEDED, false, s.phase.name(), message, g, in.now());
        Conditions.set(s.conditions, Conditions.FAILED, false, s.phase.name(), message, g, in.now());
      }
      case Succeeded -> {
        String message = "Wrote " + s.output + " from snapshots " + s.snapshots + ".";
        Conditions.set(s.conditions, Conditions.PROGRESSING, false, "Succeeded", message, g, in.now());
        Conditions.set(s.conditions, Conditions.SUCCEEDED, true, "Succeeded", message, g, in.now());
        Conditions.set(s.conditions, Conditions.FAILED, false, "Succeeded", message, g, in.now());
      }
      case Failed -> {
        String reason = Conditions.find(s.conditions, Conditions.FAILED).map(c -> c.reason).orElse("Failed");
        Conditions.set(s.conditions, Conditions.PROGRESSING, false, reason, s.failure, g, in.now());
        Conditions.set(s.conditions, Conditions.SUCCEEDED, false, reason, s.failure, g, in.now());
        Conditions.set(s.conditions, Conditions.FAILED, true, reason, s.failure, g, in.now());
      }
      default -> { }
    }
  }

  private long generation() {
    return Conditions.generation(in.trainingSet());
  }
}
