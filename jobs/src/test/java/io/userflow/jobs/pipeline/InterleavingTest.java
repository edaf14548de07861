package io.userflow.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The interleaving generator without Spark: replayable, and the suite's seeds cover what they must. */
class InterleavingTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-09-30");
  private static final LocalDate LAST = LocalDate.parse("2026-10-04");

  static Interleaving suite(long seed) {
    return Interleaving.generate(seed, InterleavingIT.LENGTH, FIRST, LAST);
  }

  @Test
  void aSeedReplaysTheSameSequence() {
    assertThat(suite(7).ops()).isEqualTo(suite(7).ops());
    assertThat(suite(7).ops()).isNotEqualTo(suite(8).ops());
  }

  @Test
  void theSuiteSeedsRunRangedRunsOverPendingDataAndEveryKindOfOperation() {
    long covering = Arrays.stream(InterleavingIT.SUITE_SEEDS).filter(s -> suite(s).rangedRunsOverPendingData(4) > 0).count();
    assertThat(covering).as("suite seeds with a backfill over unprocessed data").isGreaterThanOrEqualTo(2);
    assertThat(Arrays.stream(InterleavingIT.SUITE_SEEDS).boxed().flatMap(s -> suite(s).ops().stream())
        .map(Interleaving.Op::kind).distinct()).containsExactlyInAnyOrder(Interleaving.Kind.values());
  }
}
