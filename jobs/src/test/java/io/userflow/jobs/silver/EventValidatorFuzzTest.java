package io.userflow.jobs.silver;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The validator is total: any byte string gives a Silver event that fits every later stage, or a reject with a
 * reason. The jobs build fuzzes each target with Jazzer in its own JVM (JAZZER_FUZZ=1, one surefire execution per
 * target, see jobs/pom.xml), so the agent's instrumentation stays out of the Spark tests;
 * {@link EventValidatorPropertiesTest} runs the same generator on seeded random choices.
 */
class EventValidatorFuzzTest {
  @FuzzTest(maxDuration = "40s")
  void anyBytes(byte[] raw) {
    Fuzzing.checkTotal(raw);
  }

  @FuzzTest(maxDuration = "40s")
  void anyEventShapedJson(FuzzedDataProvider data) {
    Fuzzing.checkTotal(HostileRecords.shaped(choices(data)));
  }

  @FuzzTest(maxDuration = "20s")
  void validEventsKeepEveryValue(FuzzedDataProvider data) {
    Fuzzing.checkValid(HostileRecords.valid(choices(data)));
  }

  private static HostileRecords.Choices choices(FuzzedDataProvider data) {
    return new HostileRecords.Choices() {
      public int pick(int n) {
        return data.consumeInt(0, n - 1);
      }

      public long anyLong() {
        return data.consumeLong();
      }

      public String text(int max) {
        return data.consumeString(max);
      }

      public byte[] bytes(int max) {
        return data.consumeBytes(max);
      }
    };
  }
}
