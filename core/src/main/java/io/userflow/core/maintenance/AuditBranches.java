package io.userflow.core.maintenance;

import io.userflow.core.contract.AuditBranch;
import java.util.List;
import java.util.Map;

/**
 * Which audit branches a table no longer needs. A run's audit branch ({@link AuditBranch}) lives until the run
 * publishes it; a run refused by its gate, killed, or beaten by a second writer leaves it behind, and its snapshots
 * and files then outlive every expiry. One whose newest commit is older than the retention is abandoned: a run still
 * writing it commits more often than that. Pure.
 */
public final class AuditBranches {
  /** The shortest retention allowed: a younger branch may belong to a run that is still writing it. */
  public static final long RETENTION_HOURS_MIN = 1;

  private AuditBranches() {}

  /**
   * The audit branches among {@code headCommitMillis} (branch name → commit time of its head) whose head is older
   * than {@code retentionMillis} before {@code nowMillis}, sorted by name. Other branches are never named.
   */
  public static List<String> abandoned(Map<String, Long> headCommitMillis, long nowMillis, long retentionMillis) {
    return headCommitMillis.entrySet().stream()
        .filter(e -> e.getKey().startsWith(AuditBranch.PREFIX))
        .filter(e -> e.getValue() < nowMillis - retentionMillis)
        .map(Map.Entry::getKey).sorted().toList();
  }
}
