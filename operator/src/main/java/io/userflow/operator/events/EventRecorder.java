package io.userflow.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.naming.Hashes;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Records Kubernetes Events (core/v1) on userflow resources, deduplicated by content as FKO's {@code EventUtils}
 * does: the name is a hash of the involved object, type, reason and message, so a repeated note (a retried
 * failure) bumps {@code count} and {@code lastTimestamp} of one Event instead of adding another. A failed Event never
 * fails a reconcile.
 */
@ApplicationScoped
public class EventRecorder {
  public static final String COMPONENT = "userflow-operator";
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final int MAX_MESSAGE = 1000;

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(HasMetadata involved, EventNote note) {
    String namespace = involved.getMetadata().getNamespace();
    String message = note.message().length() > MAX_MESSAGE ? note.message().substring(0, MAX_MESSAGE) + "…"
        : note.message();
    String type = note.warning() ? "Warning" : "Normal";
    String name = name(involved, type, note.reason(), message);
    String now = clock.instant().toString();
    try {
      Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
      if (existing != null) {
        bump(namespace, name, existing, now);
        return;
      }
      try {
        client.v1().events().inNamespace(namespace).resource(event(involved, name, type, note.reason(), message, now))
            .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        bump(namespace, name, client.v1().events().inNamespace(namespace).withName(name).get(), now);
      }
    } catch (KubernetesClientException e) {
      LOG.warnf("Could not record event %s on %s/%s: %s", note.reason(), namespace,
          involved.getMetadata().getName(), e.getMessage());
    }
  }

  /** The Event's name: the involved object's name and a hash of what the Event says about it. */
  static String name(HasMetadata involved, String type, EventReason reason, String message) {
    return involved.getMetadata().getName() + "." + Hashes.hex(16, involved.getKind(),
        involved.getMetadata().getNamespace(), involved.getMetadata().getName(), involved.getMetadata().getUid(),
        type, reason.name(), message);
  }

  private void bump(String namespace, String name, Event existing, String now) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("count", (existing == null || existing.getCount() == null ? 1 : existing.getCount()) + 1);
    patch.put("lastTimestamp", now);
    client.v1().events().inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
  }

  private static Event event(HasMetadata involved, String name, String type, EventReason reason, String message,
      String now) {
    String namespace = involved.getMetadata().getNamespace();
    return new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(involved.getApiVersion())
            .withKind(involved.getKind()).withName(involved.getMetadata().getName()).withNamespace(namespace)
            .withUid(involved.getMetadata().getUid()).build())
        .withType(type)
        .withReason(reason.name())
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
  }
}
