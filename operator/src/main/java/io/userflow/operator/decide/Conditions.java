package io.userflow.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.userflow.operator.api.status.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Condition types and the one rule for setting them: lastTransitionTime moves only when status flips. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String STREAMING_RUNNING = "StreamingRunning";
  public static final String DEGRADED = "Degraded";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String PLANNED = "Planned";
  public static final String APPROVED = "Approved";
  public static final String PROGRESSING = "Progressing";

  private Conditions() {}

  public static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
      long generation, Instant now) {
    String value = status ? Condition.TRUE : Condition.FALSE;
    Condition c = find(conditions, type).orElse(null);
    if (c == null) {
      c = new Condition(type, value, reason, message);
      conditions.add(c);
    }
    if (!value.equals(c.status) || c.lastTransitionTime == null) {
      c.lastTransitionTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    c.status = value;
    c.reason = reason;
    c.message = message;
    c.observedGeneration = generation;
  }

  /** The generation a condition observes: the resource's, 0 before the API server gave it one. */
  public static long generation(HasMetadata resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.type)).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> Condition.TRUE.equals(c.status)).orElse(false);
  }
}
