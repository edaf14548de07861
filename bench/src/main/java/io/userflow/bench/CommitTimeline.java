package io.userflow.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/**
 * A sink's commits as the table records them, from which start-up and steady-state speed are read the same way for
 * every sink: start-up is from the sink's start to its first commit; steady state is the records of the commits
 * after the first divided by the time from the first commit to the last. Both sinks stamp their snapshots on this
 * machine's clock, so the figures are comparable.
 *
 * @param startMillis when the sink was started (epoch ms)
 * @param commits the table's snapshots, oldest first
 */
record CommitTimeline(long startMillis, List<Commit> commits) {
  /**
   * One snapshot.
   *
   * @param atMillis the snapshot's timestamp
   * @param records records it added
   * @param files data files it added
   * @param bytes bytes of the data files it added
   */
  record Commit(long atMillis, long records, long files, long bytes) {}

  CommitTimeline {
    commits = commits.stream().sorted(Comparator.comparingLong(Commit::atMillis)).toList();
  }

  /** The table's snapshots (those written after {@code startMillis}). */
  static CommitTimeline of(Table table, long startMillis) {
    table.refresh();
    List<Commit> commits = new java.util.ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      if (s.timestampMillis() >= startMillis) {
        Map<String, String> m = s.summary();
        commits.add(new Commit(s.timestampMillis(), number(m, SnapshotSummary.ADDED_RECORDS_PROP),
            number(m, SnapshotSummary.ADDED_FILES_PROP), number(m, SnapshotSummary.ADDED_FILE_SIZE_PROP)));
      }
    }
    return new CommitTimeline(startMillis, commits);
  }

  private static long number(Map<String, String> summary, String key) {
    String v = summary.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  long records() {
    return commits.stream().mapToLong(Commit::records).sum();
  }

  long files() {
    return commits.stream().mapToLong(Commit::files).sum();
  }

  long bytes() {
    return commits.stream().mapToLong(Commit::bytes).sum();
  }

  /** Seconds from start to the first commit; NaN without commits. */
  double startupSeconds() {
    return commits.isEmpty() ? Double.NaN : (commits.get(0).atMillis() - startMillis) / 1000.0;
  }

  /** Records after the first commit per second between the first and the last commit; NaN with fewer than two. */
  double steadyEventsPerSecond() {
    if (commits.size() < 2) {
      return Double.NaN;
    }
    long after = records() - commits.get(0).records();
    long millis = commits.get(commits.size() - 1).atMillis() - commits.get(0).atMillis();
    return millis <= 0 ? Double.NaN : after * 1000.0 / millis;
  }

  /**
   * The fastest interval between two consecutive commits after the first: records of the later one per second since
   * the earlier one; NaN with fewer than two. Shows a sink's speed apart from its slow or stalled intervals.
   */
  double peakEventsPerSecond() {
    double peak = Double.NaN;
    for (int i = 1; i < commits.size(); i++) {
      long millis = commits.get(i).atMillis() - commits.get(i - 1).atMillis();
      if (millis > 0) {
        double rate = commits.get(i).records() * 1000.0 / millis;
        peak = Double.isNaN(peak) ? rate : Math.max(peak, rate);
      }
    }
    return peak;
  }

  /** Records per second from start to the last commit, start-up included. */
  double overallEventsPerSecond() {
    return commits.isEmpty() ? Double.NaN : records() * 1000.0 / (commits.get(commits.size() - 1).atMillis() - startMillis);
  }
}
