package io.userflow.core.contract;

/** The jobs' exit codes: what a driver's exit status means to whoever started it. */
public final class JobExit {
  public static final int OK = 0;
  /** The run failed while running (catalog, storage, Kafka, a bug); a retry may succeed. */
  public static final int FAILED = 1;
  /** A bad option or an impossible combination of them; the same command fails again. */
  public static final int USAGE = 2;
  /**
   * Silver's quality gate refused the candidate; main is unchanged and the same input fails again. The verdict is
   * also recorded on the audit branch ({@link GateVerdict}), which is what the operator reads.
   */
  public static final int GATE_FAILED = 3;

  private JobExit() {}
}
