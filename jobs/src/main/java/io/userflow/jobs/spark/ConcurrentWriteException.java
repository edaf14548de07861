package io.userflow.jobs.spark;

/**
 * Another run committed to a table this run writes, after this run planned from it: this run published nothing to
 * that table and must run again, which plans from the new state. Two writers of one table are serialized this way:
 * the first to publish wins, the other fails with this and its rerun converges.
 */
public final class ConcurrentWriteException extends IllegalStateException {
  private final String table;

  public ConcurrentWriteException(String table, long plannedFrom, Long mainNow, Throwable cause) {
    super("Another run committed to " + table + " while this run was running (its main moved from snapshot "
        + plannedFrom + " to " + mainNow + "); nothing of this run was published there. Run the stage again: it "
        + "plans from the new state.", cause);
    this.table = table;
  }

  /** The table whose main moved. */
  public String table() {
    return table;
  }
}
