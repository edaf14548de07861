package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
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
    assertThat(StagePlanning.lineage(silver)).isEqualTo(new TargetState(3L, "v2", 11L));
  }

  @Test
  void noLineageMeansNeverRun() {
    assertThat(StagePlanning.lineage(TableHistory.empty("t"))).isEqualTo(TargetState.never());
    assertThat(StagePlanning.lineage(new TableHistory("t").append(1, 1).build()).hasPreviousRun()).isFalse();
  }

  @Test
  void lagCountsSourceSnapshotsAfterTheLastProcessedOne() {
    SourceHistory bronze = new TableHistory("b").append(1, 1).append(2, 1).append(3, 1).append(4, 1).build();
    assertThat(StagePlanning.lag(bronze, processedUpTo(2))).isEqualTo(2);
    assertThat(StagePlanning.lag(bronze, processedUpTo(4))).isZero();
    assertThat(StagePlanning.lag(bronze, TableHistory.empty("s"))).isEqualTo(4);
    assertThat(StagePlanning.lag(bronze, processedUpTo(99))).as("not an ancestor").isEqualTo(4);
  }

  private static SourceHistory processedUpTo(long bronzeSnapshot) {
    return new TableHistory("s").lineage(9, bronzeSnapshot, "v1", null).build();
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
