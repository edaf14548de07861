package io.userflow.jobs.spark;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.util.SnapshotUtil;

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

  /**
   * (Re)creates the audit branch at {@code plannedFrom}, the snapshot of main the run planned from, so that a
   * commit another run made to main since cannot be fast-forwarded over: {@link #publish} then fails. A leftover
   * branch of the same run is replaced.
   */
  public static void begin(Table table, String branch, long plannedFrom) {
    table.refresh();
    if (table.refs().containsKey(branch)) {
      table.manageSnapshots().removeBranch(branch).commit();
    }
    table.manageSnapshots().createBranch(branch, plannedFrom).commit();
    table.refresh();
  }

  /**
   * Fast-forwards main to the audit branch and removes the branch; {@code fastForwarded} runs between the two
   * commits. {@code plannedFrom} is the snapshot the branch was begun at, for the message. Throws
   * {@link ConcurrentWriteException} if main moved since the branch was made (another writer published first):
   * Iceberg's fast-forward is a compare-and-swap on the table's metadata that requires main to be an ancestor of the
   * branch.
   */
  public static long publish(Table table, String branch, long plannedFrom, Runnable fastForwarded) {
    table.refresh();
    Snapshot head = table.snapshot(branch);
    if (head == null || !SnapshotUtil.isAncestorOf(table, head.snapshotId(), plannedFrom)) {
      // a write to a missing branch starts it at main's head: what it holds was not computed from that state
      throw new ConcurrentWriteException(table.name() + " (its audit branch " + branch + " was removed or replaced "
          + "while the run wrote it)", plannedFrom, table.currentSnapshot().snapshotId(), null);
    }
    try {
      table.manageSnapshots().fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch).commit();
    } catch (IllegalArgumentException | ValidationException | CommitFailedException e) {
      // Iceberg refuses with "Cannot fast-forward: main is not an ancestor of <branch>" when main moved
      table.refresh();
      Snapshot main = table.currentSnapshot();
      if (main == null || SnapshotUtil.isAncestorOf(table, head.snapshotId(), main.snapshotId())) {
        throw e;
      }
      throw new ConcurrentWriteException(table.name(), plannedFrom, main.snapshotId(), e);
    }
    fastForwarded.run();
    table.refresh();
    table.manageSnapshots().removeBranch(branch).commit();
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }
}
