package io.userflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.bench.CommitTimeline.Commit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitTimelineTest {
  @Test
  void steadyStateLeavesOutStartUpAndTheFirstCommitsRecords() {
    // started at 0; first commit at 10 s with 1,000 records; then 4,000 more records over 2 s
    CommitTimeline t = new CommitTimeline(0, List.of(new Commit(12_000, 2_000, 1, 20), new Commit(10_000, 1_000, 1, 10),
        new Commit(11_000, 2_000, 2, 20)));
    assertThat(t.startupSeconds()).isEqualTo(10.0);
    assertThat(t.steadyEventsPerSecond()).isEqualTo(2_000.0);
    assertThat(t.peakEventsPerSecond()).isEqualTo(2_000.0);
    assertThat(t.overallEventsPerSecond()).isEqualTo(5_000 / 12.0);
    assertThat(t.records()).isEqualTo(5_000);
    assertThat(t.files()).isEqualTo(4);
    assertThat(t.bytes()).isEqualTo(50);
  }

  @Test
  void oneCommitHasNoSteadyState() {
    CommitTimeline one = new CommitTimeline(0, List.of(new Commit(5_000, 10, 1, 1)));
    assertThat(one.steadyEventsPerSecond()).isNaN();
    assertThat(one.peakEventsPerSecond()).isNaN();
  }
}
