package io.userflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.bench.TableCheck.PartitionRows;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableCheckTest {
  private static final Map<Integer, Long> ENDS = Map.of(0, 100L, 1, 50L);

  @Test
  void aTableWithEveryOffsetOnceHasNoProblems() {
    assertThat(TableCheck.problems(ENDS, Map.of(0, new PartitionRows(100, 100, 0, 99), 1, new PartitionRows(50, 50, 0, 49))))
        .isEmpty();
  }

  @Test
  void aRepeatedOffsetIsRefusedEvenWhenTheCountMatches() {
    // 100 rows, but offset 7 twice and offset 8 missing: the count alone would pass
    assertThat(TableCheck.problems(ENDS, Map.of(0, new PartitionRows(100, 99, 0, 99), 1, new PartitionRows(50, 50, 0, 49))))
        .containsExactly("partition 0: 1 repeated offsets", "partition 0: 99 distinct offsets, 100 in the topic");
  }

  @Test
  void aMissingOffsetOrPartitionIsRefused() {
    assertThat(TableCheck.problems(ENDS, Map.of(0, new PartitionRows(99, 99, 1, 99))))
        .containsExactly("partition 0: 99 distinct offsets, 100 in the topic", "partition 1: no rows, 50 in the topic");
  }

  @Test
  void offsetsOutsideTheLogAndForeignPartitionsAreRefused() {
    assertThat(TableCheck.problems(ENDS, Map.of(0, new PartitionRows(100, 100, 1, 100), 1, new PartitionRows(50, 50, 0, 49),
        2, new PartitionRows(3, 3, 0, 2))))
        .containsExactly("partition 0: offsets 1..100 outside 0..99", "partition 2: 3 rows, not a partition of the topic");
  }
}
