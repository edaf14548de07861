package io.userflow.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.iceberg.TableHistory;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageTest {

  @Test
  void targetStateIsTheNewestCommitWithLineage() {
    SourceHistory silver = new TableHistory("events.silver_events").lineage(10, 1, "v1", null)
        .lineage(11, 3, "v2", null).append(12, 5).build();
    assertThat(Lineage.targetState(silver)).isEqualTo(new TargetState(3L, "v2", 11L));
  }

  @Test
  void noLineageMeansNeverRun() {
    assertThat(Lineage.targetState(TableHistory.empty("t"))).isEqualTo(TargetState.never());
    assertThat(Lineage.targetState(new TableHistory("t").append(1, 1).build()).hasPreviousRun()).isFalse();
  }

  @Test
  void lagCountsSourceSnapshotsAfterTheLastProcessedOne() {
    SourceHistory bronze = new TableHistory("b").append(1, 1).append(2, 1).append(3, 1).append(4, 1).build();
    assertThat(Lineage.lag(bronze, new TargetState(2L, "v1", 9L))).isEqualTo(2);
    assertThat(Lineage.lag(bronze, new TargetState(4L, "v1", 9L))).isZero();
    assertThat(Lineage.lag(bronze, TargetState.never())).isEqualTo(4);
    assertThat(Lineage.lag(bronze, new TargetState(99L, "v1", 9L))).as("not an ancestor").isEqualTo(4);
  }

  @Test
  void dateRangesCompactConsecutiveDays() {
    assertThat(DateRanges.compact(List.of(LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-01"),
        LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-07")))).isEqualTo("2026-11-01..2026-11-03,2026-11-07");
    assertThat(DateRanges.compact(List.of())).isEmpty();
  }

  @Test
  void reasonCodesBecomeCamelCase() {
    assertThat(PlanStatuses.camel("TRANSFORM_VERSION_CHANGED")).isEqualTo("TransformVersionChanged");
  }
}
