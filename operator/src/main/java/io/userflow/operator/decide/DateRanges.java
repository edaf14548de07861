package io.userflow.operator.decide;

import java.time.LocalDate;
import java.util.Collection;
import java.util.TreeSet;

/** Compact text for date sets: consecutive days collapse into from..to, runs are comma-separated. */
public final class DateRanges {
  private DateRanges() {}

  public static String compact(Collection<LocalDate> dates) {
    StringBuilder out = new StringBuilder();
    LocalDate start = null;
    LocalDate previous = null;
    for (LocalDate d : new TreeSet<>(dates)) {
      if (previous != null && d.equals(previous.plusDays(1))) {
        previous = d;
        continue;
      }
      append(out, start, previous);
      start = d;
      previous = d;
    }
    append(out, start, previous);
    return out.toString();
  }

  private static void append(StringBuilder out, LocalDate start, LocalDate end) {
    if (start == null) {
      return;
    }
    if (out.length() > 0) {
      out.append(',');
    }
    out.append(start);
    if (!end.equals(start)) {
      out.append("..").append(end);
    }
  }
}
