package io.userflow.core.contract;

import io.userflow.core.planner.SourceHistory;
import java.util.Map;
import java.util.Optional;

/**
 * Silver's quality-gate verdict on a refused candidate, recorded in the snapshot summary of the head of the run's
 * audit branch ({@link AuditBranch}). The operator reads it from Iceberg to tell a refused candidate (not retried:
 * the same input fails again) from any other failure.
 *
 * @param failedChecks the checks that failed, as the gate words them
 */
public record GateVerdict(String failedChecks) {
  /** Summary key: {@value #REFUSED} when the gate refused the candidate on this branch. */
  public static final String VERDICT_KEY = "userflow.gate-verdict";
  /** Summary key: the failed checks. */
  public static final String FAILED_CHECKS_KEY = "userflow.gate-failed-checks";
  public static final String REFUSED = "refused";

  /** The summary properties that record a refusal. */
  public Map<String, String> summary() {
    return Map.of(VERDICT_KEY, REFUSED, FAILED_CHECKS_KEY, failedChecks);
  }

  /** The refusal recorded on {@code runId}'s audit branch of Silver, if there is one. */
  public static Optional<GateVerdict> refusal(SourceHistory silver, String runId) {
    return silver.branchHead(AuditBranch.forRun(runId))
        .filter(head -> REFUSED.equals(head.summary().get(VERDICT_KEY)))
        .map(head -> new GateVerdict(head.summary().getOrDefault(FAILED_CHECKS_KEY, "")));
  }
}
