package io.userflow.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.FeaturePipeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On the mock API server the operator's reconciler tests use. */
@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
  KubernetesClient client;
  private final FakeClock clock = new FakeClock(Fixtures.NOW);

  private List<Event> events() {
    return client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems();
  }

  private FeaturePipeline pipeline(String uid) {
    FeaturePipeline fp = Fixtures.pipeline("clicks");
    fp.getMetadata().setUid(uid);
    return fp;
  }

  @Test
  void aRepeatedNoteCountsOnOneEvent() {
    EventRecorder recorder = new EventRecorder(client, clock);
    EventNote failure = EventNote.warning(EventReason.MetadataUnavailable, "catalog unreachable");
    recorder.record(pipeline("uid-1"), failure);
    clock.advance(Duration.ofSeconds(30));
    recorder.record(pipeline("uid-1"), failure);
    clock.advance(Duration.ofSeconds(30));
    recorder.record(pipeline("uid-1"), failure);

    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getCount()).isEqualTo(3);
      assertThat(e.getFirstTimestamp()).isEqualTo(Fixtures.NOW.toString());
      assertThat(e.getLastTimestamp()).isEqualTo(Fixtures.NOW.plusSeconds(60).toString());
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("MetadataUnavailable");
      assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-1");
      assertThat(e.getMetadata().getName()).startsWith("clicks.");
    });
  }

  @Test
  void anotherMessageTypeReasonOrObjectIsAnotherEvent() {
    EventRecorder recorder = new EventRecorder(client, clock);
    recorder.record(pipeline("uid-1"), EventNote.warning(EventReason.MetadataUnavailable, "catalog unreachable"));
    recorder.record(pipeline("uid-1"), EventNote.warning(EventReason.MetadataUnavailable, "catalog timed out"));
    recorder.record(pipeline("uid-1"), EventNote.normal(EventReason.MetadataUnavailable, "catalog unreachable"));
    recorder.record(pipeline("uid-1"), EventNote.warning(EventReason.ReconcileError, "catalog unreachable"));
    // a pipeline deleted and made again under the same name is another object
    recorder.record(pipeline("uid-2"), EventNote.warning(EventReason.MetadataUnavailable, "catalog unreachable"));

    assertThat(events()).hasSize(5).allSatisfy(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  @Test
  void theNameIsTheSameAcrossRecorders() {
    // a restarted operator continues the count of the Event the previous one created
    new EventRecorder(client, clock).record(pipeline("uid-1"), EventNote.normal(EventReason.StreamingRunning, "up"));
    new EventRecorder(client, clock).record(pipeline("uid-1"), EventNote.normal(EventReason.StreamingRunning, "up"));
    assertThat(events()).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
  }
}
