package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.userflow.operator.api.status.Condition;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a failed reconcile of either kind leaves behind before JOSDK retries it with back-off: the failure metric
 * (tagged with the kind as the reconcilers tag theirs, {@link HasMetadata#getKind(Class)}), a Warning Event, and the
 * kind's failure conditions in a status patch, all with the failure's typed reason and message
 * ({@link ReconcileException}).
 */
final class ReconcileFailures {
  /**
   * Failed reconciles are retried without a limit (JOSDK's GradualRetry, 2 s growing by 1.5): a catalog outage
   * longer than a handful of retries must not leave a resource where it stopped; the deadlines of a Reprocess
   * (spec.deadlines) end a wait that never recovers.
   */
  static final int UNLIMITED = -1;
  /** The cap of the retry back-off: five minutes between attempts at most. */
  static final long MAX_RETRY_INTERVAL_MS = 5 * 60 * 1000L;

  /** Sets one condition to the failure's reason and message. */
  @FunctionalInterface
  interface FailedCondition {
    void set(List<Condition> conditions, String type, boolean status);
  }

  /** What a failure changes in a kind's status. */
  @FunctionalInterface
  interface Marking<S> {
    void mark(S status, FailedCondition condition);
  }

  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;

  ReconcileFailures(EventRecorder events, OperatorMetrics metrics, Clock clock) {
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** {@code empty} makes the status of a resource that has none yet. */
  <S, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> patch(R resource, Exception failure,
      Supplier<S> empty, Marking<S> marking) {
    EventReason reason = ReconcileException.reasonOf(failure);
    String message = ReconcileException.messageOf(failure);
    metrics.failed(HasMetadata.getKind(resource.getClass()), reason);
    events.record(resource, EventNote.warning(reason, message));
    S status = resource.getStatus() == null ? empty.get() : resource.getStatus();
    long generation = Conditions.generation(resource);
    Instant now = clock.instant();
    marking.mark(status, (conditions, type, value) -> Conditions.set(conditions, type, value, reason.name(), message,
        generation, now));
    resource.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(resource);
  }
}
