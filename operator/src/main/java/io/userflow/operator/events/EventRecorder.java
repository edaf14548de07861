package io.userflow.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Records Kubernetes Events (core/v1) on userflow resources. A failed Event never fails a reconcile. */
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
    String now = clock.instant().toString();
    String namespace = involved.getMetadata().getNamespace();
    String message = note.message().length() > MAX_MESSAGE ? note.message().substring(0, MAX_MESSAGE) + "…"
        : note.message();
    var event = new EventBuilder()
        .withNewMetadata()
        .withName(involved.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(involved.getApiVersion())
            .withKind(involved.getKind()).withName(involved.getMetadata().getName()).withNamespace(namespace)
            .withUid(involved.getMetadata().getUid()).build())
        .withType(note.warning() ? "Warning" : "Normal")
        .withReason(note.reason().name())
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf("Could not record event %s on %s/%s: %s", note.reason(), namespace,
          involved.getMetadata().getName(), e.getMessage());
    }
  }
}
