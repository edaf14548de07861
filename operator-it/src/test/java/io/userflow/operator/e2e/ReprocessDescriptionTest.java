package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.Condition;
import io.userflow.operator.api.status.FailureStatus;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprocessDescriptionTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static Event event(String type, String reason, String at, String message) {
    return new EventBuilder().withType(type).withReason(reason).withFirstTimestamp(at).withLastTimestamp(at)
        .withMessage(message).withNewSource().withComponent("userflow-operator").endSource().build();
  }

  @Test
  void showsPhaseConditionsFailureAndEventsOldestFirst() {
    Reprocess rp = new Reprocess();
    rp.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace("userflow").withGeneration(1L).build());
    rp.setSpec(new ReprocessSpec());
    rp.getSpec().pipelineRef = "clicks";
    ReprocessStatus s = new ReprocessStatus();
    s.phase = ReprocessPhase.Failed;
    s.observedGeneration = 1L;
    s.conditions.add(new Condition("Failed", "True", "StageFailed", "Silver failed."));
    s.failure = new FailureStatus();
    s.failure.stage = Stage.Silver;
    s.failure.reason = "StageFailed";
    s.failure.nextStep = "kubectl annotate reprocess nightly userflow.io/retry=1";
    rp.setStatus(s);

    String text = ReprocessDescription.render(rp, List.of(
        event("Warning", "StageFailed", "2026-11-25T09:59:30Z", "Silver failed."),
        event("Normal", "Planned", "2026-11-25T09:55:00Z", "Silver: FULL.")), NOW);

    assertThat(text).contains("Name:                 nightly\n", "  Phase:              Failed\n",
        "  Generation:         1 (observed 1)\n", "    Type    Status  Reason       Last Transition  Message\n",
        "    Failed  True    StageFailed  <none>           Silver failed.\n",
        "    Next Step:        kubectl annotate reprocess nightly userflow.io/retry=1\n",
        "  Gold:\n    <not planned>\n");
    String events = text.substring(text.indexOf("Events:\n"));
    assertThat(events.lines().skip(3).toList()).containsExactly(
        "  Normal   Planned      5m0s  userflow-operator  Silver: FULL.",
        "  Warning  StageFailed  30s   userflow-operator  Silver failed.");
  }

  @Test
  void agesReadLikeKubectl() {
    assertThat(ReprocessDescription.age(NOW.minusSeconds(45), NOW)).isEqualTo("45s");
    assertThat(ReprocessDescription.age(NOW.minusSeconds(192), NOW)).isEqualTo("3m12s");
    assertThat(ReprocessDescription.age(NOW.minusSeconds(3000), NOW)).isEqualTo("50m");
    assertThat(ReprocessDescription.age(NOW.minusSeconds(3 * 3600), NOW)).isEqualTo("3h");
  }
}
