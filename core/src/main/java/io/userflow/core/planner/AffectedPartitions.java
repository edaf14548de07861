package io.userflow.core.planner;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Partitions a run rewrites. {@code all == true} means every partition (a whole-table rebuild);
 * otherwise the date sets are exact. A change on event date D touches Silver D, Gold daily D and
 * Gold rolling D..D+6.
 *
 * @param all whole-table rebuild
 * @param silverDates Silver event_date partitions (session partitions)
 * @param goldDailyDates Gold daily feature_date partitions
 * @param goldRollingDates Gold rolling as_of_date partitions
 * @param goldWholeDates the Gold daily dates a Silver commit replaced whole: Gold replaces them whole too
 * @param goldRowLevelSnapshots Silver's row-level snapshots among those Gold processes: with no whole date, Gold merges
 *     its recomputed rows and writes only those that differ
 */
public record AffectedPartitions(
    boolean all,
    SortedSet<LocalDate> silverDates,
    SortedSet<LocalDate> goldDailyDates,
    SortedSet<LocalDate> goldRollingDates,
    SortedSet<LocalDate> goldWholeDates,
    SortedSet<Long> goldRowLevelSnapshots) {

  /** Rolling window length in days, as_of_date included. */
  public static final int ROLLING_DAYS = 7;

  public AffectedPartitions {
    silverDates = immutable(silverDates);
    goldDailyDates = immutable(goldDailyDates);
    goldRollingDates = immutable(goldRollingDates);
    goldWholeDates = immutable(goldWholeDates);
    goldRowLevelSnapshots = java.util.Collections.unmodifiableSortedSet(
        new TreeSet<>(goldRowLevelSnapshots == null ? List.of() : goldRowLevelSnapshots));
  }

  public static AffectedPartitions everything() {
    return new AffectedPartitions(true, null, null, null, null, null);
  }

  public static AffectedPartitions none() {
    return new AffectedPartitions(false, null, null, null, null, null);
  }

  /** The partitions touched by changes on the given event dates. */
  public static AffectedPartitions forEventDates(Collection<LocalDate> eventDates) {
    TreeSet<LocalDate> days = new TreeSet<>(eventDates);
    return new AffectedPartitions(false, days, days, rollingDatesFor(days), days, null);
  }

  /**
   * Gold's partitions after Silver commits: {@code dates} is every event date they changed, {@code wholeDates} the
   * ones a commit replaced whole, {@code rowLevelSnapshots} the row-level commits.
   */
  public static AffectedPartitions forGold(Collection<LocalDate> dates, Collection<LocalDate> wholeDates,
      Collection<Long> rowLevelSnapshots) {
    TreeSet<LocalDate> days = new TreeSet<>(dates);
    return new AffectedPartitions(false, days, days, rollingDatesFor(days), new TreeSet<>(wholeDates),
        new TreeSet<>(rowLevelSnapshots));
  }

  /** True when every Silver commit Gold processes is row-level: Gold then writes only the rows that differ. */
  public boolean goldRowLevel() {
    return !all && goldWholeDates.isEmpty() && !goldRowLevelSnapshots.isEmpty();
  }

  /** as_of dates whose 7-day window contains any of {@code dailyDates}: D..D+6 for each D. */
  public static SortedSet<LocalDate> rollingDatesFor(Collection<LocalDate> dailyDates) {
    return rollingDatesFor(dailyDates, ROLLING_DAYS);
  }

  /** as_of dates whose window of {@code days} days contains any of {@code dailyDates}: D..D+days-1 for each D. */
  public static SortedSet<LocalDate> rollingDatesFor(Collection<LocalDate> dailyDates, int days) {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (LocalDate d : dailyDates) {
      for (int i = 0; i < days; i++) {
        out.add(d.plusDays(i));
      }
    }
    return out;
  }

  /** Comma-separated ISO dates, as stored in snapshot summaries. */
  public static String format(Collection<LocalDate> dates) {
    return dates.stream().sorted().map(LocalDate::toString).collect(Collectors.joining(","));
  }

  /** Parses {@link #format} output; blank gives the empty set. */
  public static SortedSet<LocalDate> parse(String csv) {
    TreeSet<LocalDate> out = new TreeSet<>();
    if (csv == null || csv.isBlank()) {
      return out;
    }
    for (String part : csv.split(",")) {
      out.add(LocalDate.parse(part.trim()));
    }
    return out;
  }

  /** A short human description such as "3 dates 2026-11-01..2026-11-03" or "all partitions". */
  public String describe() {
    if (all) {
      return "all partitions";
    }
    if (silverDates.isEmpty()) {
      return "no partitions";
    }
    return silverDates.size() + " event dates " + silverDates.first() + ".." + silverDates.last();
  }

  private static SortedSet<LocalDate> immutable(SortedSet<LocalDate> dates) {
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(dates == null ? List.of() : dates));
  }
}
