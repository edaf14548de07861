package io.userflow.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditBranchesTest {
  private static final long NOW = Duration.ofDays(30).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();

  @Test
  void onlyAuditBranchesOlderThanTheRetentionAreAbandoned() {
    Map<String, Long> heads = Map.of("audit_old_refused", NOW - 4 * DAY, "audit_running", NOW - 1000,
        "audit_just_kept", NOW - 3 * DAY + 1, "main", NOW - 10 * DAY, "experiment", NOW - 10 * DAY);
    assertThat(AuditBranches.abandoned(heads, NOW, 3 * DAY)).containsExactly("audit_old_refused");
    assertThat(AuditBranches.abandoned(heads, NOW, 0)).containsExactly("audit_just_kept", "audit_old_refused",
        "audit_running");
  }
}
