package io.userflow.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzz targets' properties on 30,000 records from a seeded generator, in every build. */
class EventValidatorPropertiesTest {
  @Test
  void seededHostileRecordsEachEndWithAnEventOrAReason() {
    Random random = new Random(20261201);
    Map<RejectReason, Integer> seen = new EnumMap<>(RejectReason.class);
    int valid = 0;
    for (int i = 0; i < 30_000; i++) {
      HostileRecords.Choices c = HostileRecords.Choices.of(random);
      if (i % 5 == 0) {
        Fuzzing.checkValid(HostileRecords.valid(c));
        valid++;
        continue;
      }
      EventValidator.Result r = Fuzzing.checkTotal(HostileRecords.any(c));
      if (r.reason() != null) {
        seen.merge(r.reason(), 1, Integer::sum);
      } else {
        valid++;
      }
    }
    // the generator reaches every reason a raw value can have under today's contract (VALIDATOR_FAILED excepted, which
    // must never happen; DeclaredFieldsValidatorTest reaches those of declared fields)
    EnumSet<RejectReason> reachable = EnumSet.complementOf(EnumSet.of(RejectReason.VALIDATOR_FAILED));
    reachable.removeAll(RejectReason.DECLARED_FIELDS_ONLY);
    assertThat(seen.keySet()).containsAll(reachable).doesNotContainAnyElementsOf(RejectReason.DECLARED_FIELDS_ONLY);
    assertThat(valid).isGreaterThan(6_000);
  }

}
