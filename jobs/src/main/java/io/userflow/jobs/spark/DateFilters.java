package io.userflow.jobs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/** Filters on a date partition column, as a Spark column or as SQL for a merge's target. */
public final class DateFilters {
  private DateFilters() {}

  /** {@code column IN dates}; null dates means every partition. */
  public static Column in(String column, Collection<LocalDate> dates) {
    return dates == null ? lit(true) : col(column).isin(dates.stream().map(Date::valueOf).toArray());
  }

  /** SQL {@code t.<column> IN (DATE '...', ...)}, the target rows a merge may match. */
  public static String targetIn(String column, Collection<LocalDate> dates) {
    return dates.stream().sorted().map(d -> "DATE '" + d + "'")
        .collect(Collectors.joining(", ", "t." + column + " IN (", ")"));
  }
}
