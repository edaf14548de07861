package io.userflow.operator.events;

/**
 * An Event the operator should record, decided by pure code and recorded by {@link EventRecorder}.
 *
 * @param warning Warning rather than Normal
 * @param reason typed reason
 * @param message one sentence
 */
public record EventNote(boolean warning, EventReason reason, String message) {
  public static EventNote normal(EventReason reason, String message) {
    return new EventNote(false, reason, message);
  }

  public static EventNote warning(EventReason reason, String message) {
    return new EventNote(true, reason, message);
  }
}
