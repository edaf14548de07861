package io.userflow.core.contract;

import java.util.Locale;

/**
 * The write-audit-publish branch of a Silver run: {@code audit_<run id>}, anything but [a-z0-9_] replaced by
 * {@code _}. The operator passes its SparkApplication's name as the run id, so both sides name the same branch.
 */
public final class AuditBranch {
  public static final String PREFIX = "audit_";

  private AuditBranch() {}

  public static String forRun(String runId) {
    return PREFIX + runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
