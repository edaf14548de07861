package io.userflow.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotRetentionTest {
  private static final TableLayout LAYOUT = TableLayout.defaults();
  private static final long HOUR = 3_600_000L;

  /** Snapshot {@code id} at {@code id} hours, child of {@code id - 1}, with the given summary. */
  private static SnapshotFact at(long id, Map<String, String> summary) {
    return new SnapshotFact(id, id == 1 ? null : id - 1, id * HOUR, "append", 1, 1, 1, id, id, id, summary);
  }

  private static Map<String, String> processed(long source) {
    return Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, Long.toString(source), LineageKeys.TRANSFORM_VERSION, "v1");
  }

  /** Bronze: batches 1..10; Silver processed up to 6 (its commit 3), rejects up to 8, Gold Silver's 2. */
  private static Map<String, SourceHistory> histories() {
    List<SnapshotFact> bronze = new ArrayList<>();
    for (long i = 1; i <= 10; i++) {
      bronze.add(at(i, Map.of(LineageKeys.BATCH_ID, Long.toString(i))));
    }
    List<SnapshotFact> silver = List.of(at(1, Map.of()), at(2, processed(4)), at(3, processed(6)), at(4, Map.of()));
    return Map.of(
        LAYOUT.bronze(), new SourceHistory(LAYOUT.bronze(), 10L, bronze),
        LAYOUT.silver(), new SourceHistory(LAYOUT.silver(), 4L, silver),
        LAYOUT.rejects(), new SourceHistory(LAYOUT.rejects(), 1L, List.of(at(1, processed(8)))),
        LAYOUT.goldRolling(), new SourceHistory(LAYOUT.goldRolling(), 2L, List.of(at(1, processed(1)),
            at(2, processed(2)))));
  }

  @Test
  void keepsWhatEachDownstreamLineageAndEachTableItselfNeeds() {
    Map<String, Map<Long, String>> needed = SnapshotRetention.needed(LAYOUT, histories());
    assertThat(needed.get(LAYOUT.bronze())).containsOnlyKeys(6L, 8L, 10L);
    assertThat(needed.get(LAYOUT.bronze()).get(6L)).contains("Silver");
    assertThat(needed.get(LAYOUT.bronze()).get(10L)).contains("batch");
    assertThat(needed.get(LAYOUT.silver())).containsOnlyKeys(2L, 3L);
    assertThat(needed.get(LAYOUT.silver()).get(2L)).isEqualTo("last processed by Gold");
    assertThat(needed.get(LAYOUT.goldRolling()).get(2L)).isEqualTo("newest lineage commit of " + LAYOUT.goldRolling());
    assertThat(needed.get(LAYOUT.rejects())).containsOnlyKeys(1L);
    assertThat(needed.get(LAYOUT.goldRolling())).containsOnlyKeys(2L);
    assertThat(needed).doesNotContainKey(LAYOUT.goldDaily());
  }

  @Test
  void cutoffIsBeforeTheOldestKeptSnapshot() {
    Map<String, SourceHistory> h = histories();
    Map<String, Map<Long, String>> needed = SnapshotRetention.needed(LAYOUT, h);
    SnapshotRetention.Cutoff bronze = SnapshotRetention.cutoff(h.get(LAYOUT.bronze()), needed.get(LAYOUT.bronze()),
        100 * HOUR, 0);
    assertThat(bronze.expireOlderThanMillis()).isEqualTo(6 * HOUR);
    assertThat(bronze.kept()).containsOnlyKeys(6L, 8L, 10L);
    SnapshotRetention.Cutoff silver = SnapshotRetention.cutoff(h.get(LAYOUT.silver()), needed.get(LAYOUT.silver()),
        100 * HOUR, 0);
    assertThat(silver.expireOlderThanMillis()).isEqualTo(2 * HOUR);
  }

  @Test
  void retentionAgeWinsWhenItIsOlderAndGoneSnapshotsAreIgnored() {
    SourceHistory bronze = histories().get(LAYOUT.bronze());
    assertThat(SnapshotRetention.cutoff(bronze, Map.of(6L, "x"), 10 * HOUR, 7 * HOUR).expireOlderThanMillis())
        .isEqualTo(3 * HOUR);
    SnapshotRetention.Cutoff gone = SnapshotRetention.cutoff(bronze, Map.of(42L, "expired already"), 10 * HOUR, 0);
    assertThat(gone.expireOlderThanMillis()).isEqualTo(10 * HOUR);
    assertThat(gone.kept()).isEmpty();
  }

  @Test
  void aCommitClockThatSteppedBackMovesTheCutoffToo() {
    List<SnapshotFact> s = new ArrayList<>(List.of(at(1, Map.of()), at(2, Map.of()), at(3, Map.of())));
    s.add(new SnapshotFact(4, 3L, HOUR / 2, "append", 1, 1, 1, 4, 4, 4, Map.of()));
    s.add(at(5, Map.of()));
    SourceHistory table = new SourceHistory("t", 5L, s);
    assertThat(SnapshotRetention.cutoff(table, Map.of(3L, "x"), 10 * HOUR, 0).expireOlderThanMillis())
        .isEqualTo(HOUR / 2);
  }

  @Test
  void negativeRetentionIsRejected() {
    assertThatThrownBy(() -> SnapshotRetention.cutoff(histories().get(LAYOUT.bronze()), Map.of(), 0, -1))
        .hasMessageContaining("negative");
  }
}
