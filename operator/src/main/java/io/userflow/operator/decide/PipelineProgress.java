package io.userflow.operator.decide;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.api.status.StreamingStatus;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.naming.ChildNames;
import io.userflow.operator.secrets.SecretAccess;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.AllowLists;
import io.userflow.operator.validate.PipelineValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The streaming status, conditions and Events of a pipeline, from the streaming SparkApplication as it was before
 * this reconcile. Pure: the controller's workflow creates, updates or deletes the application
 * ({@link #streamingWanted}).
 */
public final class PipelineProgress {

  /**
   * @param pipeline the resource (its status is not modified)
   * @param current the owned streaming SparkApplication, or null
   * @param secretRefusal why the Secrets the spec names may not be used, or null when they may
   * @param allowLists what the operator lets a pipeline run
   * @param now the clock's time
   */
  public record Inputs(FeaturePipeline pipeline, SparkApplication current, SecretAccess.Refusal secretRefusal,
      AllowLists allowLists, Instant now) {
    public Inputs(FeaturePipeline pipeline, SparkApplication current, AllowLists allowLists, Instant now) {
      this(pipeline, current, null, allowLists, now);
    }
  }

  /**
   * @param status next status (table facts are added by {@link PipelineLayers})
   * @param events Events to record
   * @param failure the Secret refusal this reconcile fails with (Warning Event, condition, retry) before anything
   *     is applied; empty for a suspended pipeline, whose stop does not wait for its Secrets
   */
  public record Step(FeaturePipelineStatus status, List<EventNote> events, Optional<SecretAccess.Refusal> failure) {}

  private PipelineProgress() {}

  /** Whether the streaming SparkApplication should exist: a runnable spec that is not suspended. */
  public static boolean streamingWanted(FeaturePipeline fp, AllowLists allowLists) {
    return PipelineValidator.runnable(fp.getSpec(), allowLists) && !fp.getSpec().suspend;
  }

  public static Step next(Inputs in) {
    FeaturePipeline fp = in.pipeline();
    if (in.secretRefusal() != null && !fp.getSpec().suspend) {
      return new Step(fp.getStatus(), List.of(), Optional.of(in.secretRefusal()));
    }
    FeaturePipelineStatus old = fp.getStatus();
    FeaturePipelineStatus s = old == null ? new FeaturePipelineStatus()
        : Serialization.unmarshal(Serialization.asJson(old), FeaturePipelineStatus.class);
    PipelinePhase before = s.phase;
    String readyBefore = readyMessage(s);
    List<EventNote> events = new ArrayList<>();
    long generation = Conditions.generation(fp);
    List<String> problems = PipelineValidator.validate(fp.getSpec());
    List<String> notAllowed = problems.isEmpty() ? in.allowLists().refusals(fp.getSpec()) : List.of();
    StreamingStatus streaming = s.streaming == null ? (s.streaming = new StreamingStatus()) : s.streaming;
    streaming.application = ChildNames.streaming(fp.getMetadata().getName());
    AppState state = state(in.current());
    String crashLoop = null;
    List<String> refusedEdits = problems.isEmpty() && notAllowed.isEmpty() && !fp.getSpec().suspend
        ? StreamingOrigin.refusedEdits(fp, streaming) : List.of();
    // the three refusals are kept out of the workflow: nothing is applied, a running application keeps the values
    // it was submitted with
    if (!problems.isEmpty()) {
      refuse(s, EventReason.InvalidSpec, "Invalid spec: " + String.join("; ", problems) + ".", readyBefore, events,
          generation, in.now());
    } else if (!notAllowed.isEmpty()) {
      refuse(s, EventReason.NotAllowed, "Not allowed by the operator: " + String.join("; ", notAllowed) + ".",
          readyBefore, events, generation, in.now());
    } else if (!refusedEdits.isEmpty()) {
      refuse(s, EventReason.ReingestRefused, "Refused: " + String.join("; ", refusedEdits) + ".", readyBefore,
          events, generation, in.now());
    } else if (fp.getSpec().suspend) {
      s.phase = PipelinePhase.Suspended;
      state = null;
      if (in.current() != null) {
        events.add(EventNote.normal(EventReason.StreamingSuspended, "Suspended: deleted " + streaming.application
            + "; checkpoint " + streaming.checkpointLocation + " is kept."));
      }
    } else {
      String submitted = streaming.specHash;
      StreamingOrigin.record(fp, streaming);
      streaming.specHash = SparkApplicationFactory.specHash(SparkApplicationFactory.streaming(fp).getSpec());
      if (in.current() == null) {
        state = null;
        events.add(before == PipelinePhase.Suspended
            ? EventNote.normal(EventReason.StreamingResumed, "Resumed " + streaming.application + " from checkpoint "
                + fp.getSpec().streaming.checkpointLocation + ".")
            : EventNote.normal(EventReason.StreamingSubmitted, "Submitted " + streaming.application + "."));
      } else if (submitted != null && !streaming.specHash.equals(submitted)) {
        state = null;
        events.add(EventNote.normal(EventReason.StreamingResubmitted, "Spec changed; resubmitting "
            + streaming.application + " on checkpoint " + fp.getSpec().streaming.checkpointLocation + "."));
      }
      int threshold = fp.getSpec().streaming.degradedAfterRestarts;
      crashLoop = state == null ? null : CrashLoop.message(in.current(), threshold);
      s.phase = crashLoop != null || state != null && state.isFailed() ? PipelinePhase.Degraded
          : state == AppState.RUNNING ? PipelinePhase.Running : PipelinePhase.Starting;
      if (s.phase == PipelinePhase.Running && before != PipelinePhase.Running) {
        events.add(EventNote.normal(EventReason.StreamingRunning, streaming.application + " is running."));
      }
      if (s.phase == PipelinePhase.Degraded && before != PipelinePhase.Degraded) {
        events.add(crashLoop != null ? EventNote.warning(EventReason.StreamingCrashLoop, crashLoop)
            : EventNote.warning(EventReason.StreamingFailed, streaming.application + " failed: "
            + errorMessage(in.current())));
      }
    }
    streaming.state = s.phase == PipelinePhase.Suspended ? "Suspended" : state == null ? null : state.name();
    streaming.restarts = CrashLoop.restarts(in.current());
    conditions(s, state, crashLoop, generation, in.now(), in.current());
    if (s.phase == PipelinePhase.Suspended && in.secretRefusal() != null) {
      // stopped all the same; the condition says what resuming will need
      String message = "Pipeline is Suspended; resuming it needs its Secrets: " + in.secretRefusal().message();
      if (!message.equals(readyBefore)) {
        events.add(EventNote.warning(in.secretRefusal().reason(), message));
      }
      Conditions.set(s.conditions, Conditions.READY, false, in.secretRefusal().reason().name(), message, generation,
          in.now());
    }
    s.observedGeneration = generation;
    return new Step(s, events, Optional.empty());
  }

  /** Invalid, Ready=False with {@code reason}; the Warning Event once per message, not on every resync. */
  private static void refuse(FeaturePipelineStatus s, EventReason reason, String message, String readyBefore,
      List<EventNote> events, long generation, Instant now) {
    s.phase = PipelinePhase.Invalid;
    if (!message.equals(readyBefore)) {
      events.add(EventNote.warning(reason, message));
    }
    Conditions.set(s.conditions, Conditions.READY, false, reason.name(), message, generation, now);
  }

  private static void conditions(FeaturePipelineStatus s, AppState state, String crashLoop, long generation,
      Instant now, SparkApplication current) {
    boolean running = state == AppState.RUNNING;
    boolean failed = state != null && state.isFailed();
    String app = s.streaming.application;
    Conditions.set(s.conditions, Conditions.STREAMING_RUNNING, running,
        s.phase == PipelinePhase.Suspended ? "Suspended" : state == null ? "Submitting" : state.name(),
        running ? app + " is running." : app + " is not running (" + s.streaming.state + ").", generation, now);
    if (crashLoop != null && !failed) {
      Conditions.set(s.conditions, Conditions.DEGRADED, true, EventReason.StreamingCrashLoop.name(), crashLoop,
          generation, now);
    } else {
      Conditions.set(s.conditions, Conditions.DEGRADED, failed, failed ? EventReason.StreamingFailed.name()
          : "AsExpected", failed ? app + " failed: " + errorMessage(current) : "No failure observed.", generation,
          now);
    }
    if (s.phase != PipelinePhase.Invalid) {
      Conditions.set(s.conditions, Conditions.READY, s.phase == PipelinePhase.Running, s.phase.name(),
          "Pipeline is " + s.phase + ".", generation, now);
    }
  }

  private static AppState state(SparkApplication app) {
    return app == null || app.getStatus() == null || app.getStatus().applicationState == null ? null
        : app.getStatus().applicationState.state;
  }

  private static String errorMessage(SparkApplication app) {
    return app == null || app.getStatus() == null || app.getStatus().applicationState == null
        || app.getStatus().applicationState.errorMessage == null ? "no error message"
        : app.getStatus().applicationState.errorMessage;
  }

  private static String readyMessage(FeaturePipelineStatus s) {
    return Conditions.find(s.conditions, Conditions.READY).map(c -> c.message).orElse(null);
  }
}
