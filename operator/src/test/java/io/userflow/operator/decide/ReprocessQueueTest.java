package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.Fixtures;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprocessQueueTest {

  private static Reprocess rp(String name, String pipeline, String created, ReprocessPhase phase) {
    Reprocess r = Fixtures.reprocess(name, pipeline);
    r.getMetadata().setCreationTimestamp(created);
    if (phase != null) {
      r.setStatus(new ReprocessStatus());
      r.getStatus().phase = phase;
    }
    return r;
  }

  @Test
  void anActiveRunOfTheSamePipelineBlocks() {
    Reprocess self = rp("b", "clicks", "2026-11-25T09:00:00Z", null);
    Reprocess active = rp("z", "clicks", "2026-11-25T09:30:00Z", ReprocessPhase.RunningSilver);
    assertThat(ReprocessQueue.blocker(self, List.of(self, active))).contains("z");
  }

  @Test
  void otherPipelinesAndFinishedRunsDoNotBlock() {
    Reprocess self = rp("b", "clicks", "2026-11-25T09:00:00Z", null);
    assertThat(ReprocessQueue.blocker(self, List.of(self,
        rp("x", "views", "2026-11-25T08:00:00Z", ReprocessPhase.RunningGold),
        rp("y", "clicks", "2026-11-25T08:00:00Z", ReprocessPhase.Succeeded),
        rp("w", "clicks", "2026-11-25T08:00:00Z", ReprocessPhase.Failed)))).isEmpty();
  }

  @Test
  void amongWaitingRunsTheOldestGoesFirst() {
    Reprocess older = rp("a", "clicks", "2026-11-25T08:00:00Z", null);
    Reprocess self = rp("b", "clicks", "2026-11-25T09:00:00Z", ReprocessPhase.Queued);
    assertThat(ReprocessQueue.blocker(self, List.of(older, self))).contains("a");
    assertThat(ReprocessQueue.blocker(older, List.of(older, self))).isEmpty();
  }

  @Test
  void sameCreationTimeIsOrderedByName() {
    Reprocess a = rp("a", "clicks", "2026-11-25T08:00:00Z", null);
    Reprocess b = rp("b", "clicks", "2026-11-25T08:00:00Z", null);
    assertThat(ReprocessQueue.blocker(a, List.of(a, b))).isEmpty();
    assertThat(ReprocessQueue.blocker(b, List.of(a, b))).contains("a");
  }

  @Test
  void aChangedRunWakesOnlyTheRunsQueuedBehindIt() {
    Reprocess done = rp("a", "clicks", "2026-11-25T08:00:00Z", ReprocessPhase.Succeeded);
    Reprocess waiting = rp("b", "clicks", "2026-11-25T09:00:00Z", ReprocessPhase.Queued);
    waiting.getStatus().queuedBehind = "a";
    Reprocess behindOther = rp("c", "clicks", "2026-11-25T10:00:00Z", ReprocessPhase.Queued);
    behindOther.getStatus().queuedBehind = "b";
    Reprocess running = rp("d", "views", "2026-11-25T10:00:00Z", ReprocessPhase.RunningSilver);
    assertThat(ReprocessQueue.queuedBehind(done, List.of(done, waiting, behindOther, running)))
        .extracting(r -> r.getMetadata().getName()).containsExactly("b");
    assertThat(ReprocessQueue.queuedBehind(running, List.of(done, waiting, behindOther, running))).isEmpty();
  }
}
