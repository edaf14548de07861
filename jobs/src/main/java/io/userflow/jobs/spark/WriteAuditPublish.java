package io.userflow.jobs.spark;

import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Iceberg write-audit-publish: a run writes to an audit branch, the quality gate reads the branch, and only a
 * passing run fast-forwards main to it. Readers of main never see a candidate that failed its gate.
 */
public final class WriteAuditPublish {
  private WriteAuditPublish() {}

  /** Spark identifier that reads and writes the branch. */
  public static String branchIdentifier(String sparkName, String branch) {
    return sparkName + ".branch_" + branch;
  }

  /** (Re)creates the audit branch at main's current snapshot; a leftover branch of the same run is replaced. */
  public static void begin(Table table, String branch) {
    table.refresh();
    if (table.refs().containsKey(branch)) {
      table.manageSnapshots().removeBranch(branch).commit();
    }
    table.manageSnapshots().createBranch(branch, table.currentSnapshot().snapshotId()).commit();
    table.refresh();
  }

  /**
   * Fast-forwards main to the audit branch and removes the branch; {@code fastForwarded} runs between the two
   * commits. Fails if main moved meanwhile.
   */
  public static long publish(Table table, String branch, Runnable fastForwarded) {
    table.refresh();
    table.manageSnapshots().fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch).commit();
    fastForwarded.run();
    table.refresh();
    table.manageSnapshots().removeBranch(branch).commit();
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }
}
