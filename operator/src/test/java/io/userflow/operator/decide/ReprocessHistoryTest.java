package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.Fixtures;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.ReprocessHistorySpec;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprocessHistoryTest {

  private static Reprocess rp(String name, int hour, ReprocessPhase phase) {
    Reprocess r = Fixtures.reprocess(name, "clicks");
    r.getMetadata().setCreationTimestamp(String.format("2026-11-25T%02d:00:00Z", hour));
    if (phase != null) {
      r.setStatus(new ReprocessStatus());
      r.getStatus().phase = phase;
    }
    return r;
  }

  private static ReprocessHistorySpec limits(int successful, int failed) {
    ReprocessHistorySpec l = new ReprocessHistorySpec();
    l.successfulLimit = successful;
    l.failedLimit = failed;
    return l;
  }

  @Test
  void theNewestFinishedAreKeptPerOutcomeAndUnfinishedAreNeverTouched() {
    List<Reprocess> all = List.of(rp("s1", 1, ReprocessPhase.Succeeded), rp("s2", 2, ReprocessPhase.Skipped),
        rp("s3", 3, ReprocessPhase.Succeeded), rp("f1", 4, ReprocessPhase.Failed), rp("f2", 5, ReprocessPhase.Failed),
        rp("running", 0, ReprocessPhase.RunningSilver), rp("queued", 0, ReprocessPhase.Queued),
        rp("new", 0, null));
    assertThat(ReprocessHistory.expired(limits(2, 1), all)).containsExactlyInAnyOrder("s1", "f1");
    assertThat(ReprocessHistory.expired(limits(0, 0), all)).containsExactlyInAnyOrder("s1", "s2", "s3", "f1", "f2");
    assertThat(ReprocessHistory.expired(limits(10, 10), all)).isEmpty();
  }

  @Test
  void theDefaultsAreACronJobsAndApplyWhenUnset() {
    assertThat(new ReprocessHistorySpec().successfulLimit).isEqualTo(ReprocessHistorySpec.DEFAULT_SUCCESSFUL_LIMIT)
        .isEqualTo(3);
    assertThat(new ReprocessHistorySpec().failedLimit).isEqualTo(ReprocessHistorySpec.DEFAULT_FAILED_LIMIT)
        .isEqualTo(1);
    List<Reprocess> all = List.of(rp("s1", 1, ReprocessPhase.Succeeded), rp("s2", 2, ReprocessPhase.Succeeded),
        rp("s3", 3, ReprocessPhase.Succeeded), rp("s4", 4, ReprocessPhase.Succeeded),
        rp("f1", 5, ReprocessPhase.Failed), rp("f2", 6, ReprocessPhase.Failed));
    assertThat(ReprocessHistory.expired(null, all)).containsExactlyInAnyOrder("s1", "f1");
  }

  @Test
  void sameCreationTimeKeepsTheLaterName() {
    assertThat(ReprocessHistory.expired(limits(1, 0), List.of(rp("a", 1, ReprocessPhase.Succeeded),
        rp("b", 1, ReprocessPhase.Succeeded)))).containsExactly("a");
  }
}
