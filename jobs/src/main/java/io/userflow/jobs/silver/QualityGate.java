package io.userflow.jobs.silver;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Decides whether a Silver candidate may be published. Pure: the job measures, the gate judges. */
public final class QualityGate {
  private QualityGate() {}

  /**
   * What the job measured on the audit branch.
   *
   * @param bronzeRows Bronze rows read by this run
   * @param silverRowsAdded rows the candidate added to Silver (candidate total minus main's total before)
   * @param rejectsWritten rejects the run produced
   * @param duplicatesRemoved valid rows dropped because their event_id was already kept
   * @param duplicateEventIds rows in the candidate minus its distinct event ids
   * @param nullKeyRows candidate rows with a null event_id, user_id, event_time or session_id
   * @param rejectRatioThreshold highest allowed rejects / bronze rows
   * @param countsApplicable false for a date-range rebuild, where only part of Bronze lands in the rewritten range
   * @param shrink for a FULL run nobody asked for, the rows it would replace and the largest share it may remove;
   *     null otherwise
   */
  public record Measures(long bronzeRows, long silverRowsAdded, long rejectsWritten, long duplicatesRemoved,
      long duplicateEventIds, long nullKeyRows, double rejectRatioThreshold, boolean countsApplicable, Shrink shrink) {}

  /**
   * What an unrequested FULL run would do to main: {@code candidateRows} replace {@code mainRows}; more than
   * {@code maxShare} of main's rows gone holds the run until someone asks for FULL.
   */
  public record Shrink(long mainRows, long candidateRows, double maxShare, String reason) {}

  /** One check: a stable name, whether it passed, and the numbers behind it. */
  public record Check(String name, boolean passed, String observed, String expected) {
    /** {@code NAME: observed (expected …)}, as the error line and the gate verdict word it. */
    public String describe() {
      return name + ": " + observed + " (expected " + expected + ")";
    }
  }

  public record Verdict(boolean passed, List<Check> checks) {
    public List<Check> failed() {
      return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The failed checks as the error line and the recorded verdict word them, {@code ; }-separated. */
    public String describeFailed() {
      return failed().stream().map(Check::describe).collect(Collectors.joining("; "));
    }
  }

  public static Verdict judge(Measures m) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("UNIQUE_EVENT_IDS", m.duplicateEventIds() == 0, m.duplicateEventIds() + " duplicate ids", "0"));
    checks.add(new Check("NON_NULL_KEYS", m.nullKeyRows() == 0, m.nullKeyRows() + " rows with a null key", "0"));
    double ratio = m.bronzeRows() == 0 ? 0 : (double) m.rejectsWritten() / m.bronzeRows();
    checks.add(new Check("REJECT_RATIO", ratio <= m.rejectRatioThreshold(), String.format("%.4f", ratio),
        String.format("<= %.4f", m.rejectRatioThreshold())));
    if (m.countsApplicable()) {
      long accounted = m.silverRowsAdded() + m.rejectsWritten() + m.duplicatesRemoved();
      checks.add(new Check("COUNTS_RECONCILE", accounted == m.bronzeRows(),
          m.silverRowsAdded() + " silver + " + m.rejectsWritten() + " rejects + " + m.duplicatesRemoved()
              + " duplicates = " + accounted, m.bronzeRows() + " bronze rows"));
    }
    Shrink s = m.shrink();
    if (s != null && s.mainRows() > 0) {
      double removed = 1.0 - (double) s.candidateRows() / s.mainRows();
      checks.add(new Check("NO_UNREQUESTED_SHRINK", removed <= s.maxShare(), String.format(
          "a FULL run nobody asked for (%s) would replace %d rows with %d (%.1f%% fewer); run it with --mode FULL"
              + " (a Full Reprocess) to publish it anyway", s.reason(), s.mainRows(), s.candidateRows(), 100 * removed),
          String.format("at most %.1f%% fewer", 100 * s.maxShare())));
    }
    return new Verdict(checks.stream().allMatch(Check::passed), List.copyOf(checks));
  }
}
