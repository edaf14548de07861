package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.userflow.operator.events.EventReason;
import java.net.HttpURLConnection;

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
  public static EventReason reasonOf(Exception failure) {
    Exception e = unwrap(failure);
    if (e instanceof ReconcileException r) {
      return r.reason;
    }
    if (forbidden(e) != null) {
      return EventReason.Forbidden;
    }
    return e instanceof io.userflow.operator.iceberg.TableMetadataService.MetadataUnavailableException
        ? EventReason.MetadataUnavailable : EventReason.ReconcileError;
  }

  /**
   * What a condition or Event says of a failure: for an RBAC denial the API server's own sentence (it names the
   * user, verb, resource and namespace) and where to grant it, instead of the client's request dump.
   */
  public static String messageOf(Exception failure) {
    Exception e = unwrap(failure);
    KubernetesClientException denied = forbidden(e);
    if (denied != null) {
      String said = denied.getStatus() != null && denied.getStatus().getMessage() != null
          ? denied.getStatus().getMessage() : denied.getMessage();
      return said + ". The operator's ServiceAccount lacks this permission: grant it in the chart's RBAC"
          + " (helm/userflow/rbac-rules.yaml) and upgrade the release.";
    }
    return String.valueOf(e.getMessage());
  }

  /** The failure of the workflow's one dependent (the streaming application) rather than the workflow's summary. */
  private static Exception unwrap(Exception e) {
    return e instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()
        ? aggregated.getAggregatedExceptions().values().iterator().next() : e;
  }

  private static KubernetesClientException forbidden(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return k;
      }
    }
    return null;
  }
}
