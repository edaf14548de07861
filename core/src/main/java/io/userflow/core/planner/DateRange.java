package io.userflow.core.planner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An inclusive range of UTC event dates. */
public record DateRange(LocalDate from, LocalDate to) {

  /** Longest range accepted, so a typo (year 2205) cannot schedule a huge rebuild. */
  public static final int MAX_DAYS = 3660;

  public DateRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("date range ends (" + to + ") before it starts (" + from + ")");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new IllegalArgumentException("date range " + from + ".." + to + " is longer than " + MAX_DAYS + " days");
    }
  }

  public static DateRange parse(String from, String to) {
    return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
  }

  public List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }
}
