package io.userflow.operator.reconciler;

import io.userflow.operator.events.EventReason;

/** A reconcile failure with a typed reason; recorded as a Warning Event and a condition, then retried. */
public class ReconcileException extends RuntimeException {
  private final EventReason reason;

  public ReconcileException(EventReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public EventReason reason() {
    return reason;
  }

  /** The typed reason of any exception. */
  public static EventReason reasonOf(Exception e) {
    if (e instanceof ReconcileException r) {
      return r.reason;
    }
    return e instanceof io.userflow.operator.iceberg.TableMetadataService.MetadataUnavailableException
        ? EventReason.MetadataUnavailable : EventReason.ReconcileError;
  }
}
