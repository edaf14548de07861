package io.userflow.operator.naming;

import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.StagePlan;

/**
 * The one place child names come from. A name is derived from what the child does, so a repeated reconcile (or a
 * restarted operator) computes the same name and cannot create a second child.
 */
public final class ChildNames {
  /** SparkApplication names become Service names ({@code <name>-ui-svc}), so keep a DNS-1035 label with room. */
  public static final int MAX_LENGTH = 54;

  private ChildNames() {}

  /** The Lease by which one Reprocess at a time holds a pipeline (Lease names allow 253 characters). */
  public static String reprocessLease(String pipeline) {
    return pipeline + "-reprocess";
  }

  /** The streaming Bronze SparkApplication of a pipeline. */
  public static String streaming(String pipeline) {
    return fit(pipeline, "-bronze");
  }

  /** A TrainingSet's one SparkApplication (its spec is immutable, so it has one run). */
  public static String trainingSet(String trainingSet) {
    return fit(trainingSet, "-training-set");
  }

  /**
   * A batch stage's SparkApplication: {@code <reprocess>-<stage>-<hash of the planned range>-<attempt>};
   * {@code <reprocess>-maintenance-<attempt>} for Maintenance, which has no plan and runs once per Reprocess.
   */
  public static String stage(String reprocess, Stage stage, StagePlan plan, int attempt) {
    if (!stage.planned()) {
      return fit(reprocess, "-" + stage.key() + "-" + attempt);
    }
    // hashed as when mode and dateRange were text ("a..b"), so an upgraded operator adopts a running stage
    String range = plan.dateRange == null ? null : plan.dateRange.from + ".." + plan.dateRange.to;
    String hash = Hashes.hex(8, reprocess, stage.key(), String.valueOf(plan.mode),
        String.valueOf(plan.fromSnapshotId), String.valueOf(plan.toSnapshotId), String.valueOf(range));
    return fit(reprocess, "-" + stage.key() + "-" + hash + "-" + attempt);
  }

  /** Truncates {@code base} so the name fits, marking truncation with a hash of the full base. */
  static String fit(String base, String suffix) {
    String safe = Character.isLetter(base.charAt(0)) ? base : "uf-" + base;
    if (safe.length() + suffix.length() <= MAX_LENGTH) {
      return safe + suffix;
    }
    String head = safe.substring(0, MAX_LENGTH - suffix.length() - 7).replaceAll("-+$", "");
    return head + "-" + Hashes.hex(6, base) + suffix;
  }
}
