package io.userflow.operator.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.DateRangeSpec;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprocessValidatorTest {
  private final ReprocessSpec spec = Fixtures.reprocess("nightly", "clicks").getSpec();

  @Test
  void fixtureIsValid() {
    assertThat(ReprocessValidator.validate(spec)).isEmpty();
  }

  @Test
  void pipelineRefIsRequiredAndAName() {
    spec.pipelineRef = null;
    assertThat(ReprocessValidator.validate(spec)).containsExactly("spec.pipelineRef is required");
    spec.pipelineRef = "Clicks/../x";
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().startsWith("spec.pipelineRef must match");
  }

  @Test
  void stagesMustBeNonEmptyAndDistinct() {
    spec.stages = List.of();
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().contains("at least one");
    spec.stages = List.of(Stage.Gold, Stage.Gold);
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().contains("twice");
    spec.stages = new ArrayList<>();
    spec.stages.add(null);
    assertThat(ReprocessValidator.validate(spec)).anySatisfy(p -> assertThat(p).contains("only contain"));
  }

  @Test
  void rangeEndingBeforeItStartsIsAConflict() {
    spec.range = DateRangeSpec.of("2026-11-05", "2026-11-01");
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().contains("ends (2026-11-01) before");
  }

  @Test
  void rangeWithImpossibleDateOrHugeSpanIsRejected() {
    spec.range = DateRangeSpec.of("2026-02-30", "2026-03-01");
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().contains("invalid date");
    spec.range = DateRangeSpec.of("2026-01-01", "2205-01-01");
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().contains("longer than");
  }

  @Test
  void rangeWithIncrementalModeConflicts() {
    spec.range = DateRangeSpec.of("2026-11-01", "2026-11-03");
    spec.mode = ReprocessMode.Incremental;
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().contains("Incremental");
  }

  @Test
  void retryLimitIsBounded() {
    spec.retryLimit = -1;
    assertThat(ReprocessValidator.validate(spec)).singleElement().asString().startsWith("spec.retryLimit");
  }
}
