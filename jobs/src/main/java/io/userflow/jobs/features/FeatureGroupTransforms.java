package io.userflow.jobs.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;

import io.userflow.core.expr.ExprType;
import io.userflow.core.features.Aggregation;
import io.userflow.core.features.Feature;
import io.userflow.core.features.FeatureGroup;
import io.userflow.jobs.spark.DateFilters;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A feature group computed by Spark: daily tiles from Silver events, rolling windows from a daily group's rows. */
public final class FeatureGroupTransforms {
  private static final String SESSIONS = "_sessions";
  private static final String SESSION_SECONDS = "_avg_session_seconds";

  private FeatureGroupTransforms() {}

  /**
   * A daily group's rows per (entity, feature_date) for {@code dates} (null: all) from Silver events whose columns
   * have the types of {@code fields}; an event without the entity (an optional field) is in no row. Sessions count on the date they start; their duration (last event − session
   * start) may reach into later dates. All events of a session lie on or after its start date, so only partitions
   * from the first requested date on are read for them.
   */
  public static Dataset<Row> daily(FeatureGroup group, Map<String, ExprType> fields, Dataset<Row> silver,
      Collection<LocalDate> dates) {
    requireDaily(group, true);
    Dataset<Row> events = silver.filter(DateFilters.in("event_date", dates).and(col(group.entity()).isNotNull()));
    // the latest event; ties at one instant go to the greatest event id
    List<Column> aggregates = aggregates(group, fields, struct(col("event_time"), col("event_id")));
    Dataset<Row> tiles = events.groupBy(col(group.entity()), col("event_date").as(FeatureGroup.FEATURE_DATE))
        .agg(first(aggregates), rest(aggregates));
    if (group.hasSessionMeasures()) {
      Dataset<Row> sessions = bySessionStart(group.entity(), silver, dates);
      tiles = tiles.join(sessions, tiles.col(group.entity()).equalTo(sessions.col("_suid"))
          .and(tiles.col(FeatureGroup.FEATURE_DATE).equalTo(sessions.col("_start_date"))), "left");
    }
    return finish(group, tiles);
  }

  /**
   * A rolling group's rows per (entity, as_of_date) for {@code asOfDates} (null: every date with activity in its
   * window) from the rows of its daily group: each daily row counts toward as_of dates feature_date..+days−1.
   */
  public static Dataset<Row> rolling(FeatureGroup group, FeatureGroup tiles, Dataset<Row> daily,
      Collection<LocalDate> asOfDates) {
    requireDaily(group, false);
    Map<String, ExprType> columns = new LinkedHashMap<>();
    tiles.features().forEach(f -> columns.put(f.name(), f.type()));
    Dataset<Row> spread = daily.withColumn(FeatureGroup.AS_OF_DATE, explode(sequence(col(FeatureGroup.FEATURE_DATE),
        date_add(col(FeatureGroup.FEATURE_DATE), group.days() - 1))))
        .filter(DateFilters.in(FeatureGroup.AS_OF_DATE, asOfDates));
    List<Column> aggregates = aggregates(group, columns, col(FeatureGroup.FEATURE_DATE));
    return finish(group, spread.groupBy(group.entity(), FeatureGroup.AS_OF_DATE)
        .agg(first(aggregates), rest(aggregates)));
  }

  /** Sessions per (entity, start date) among {@code dates}, with their mean length in seconds. */
  private static Dataset<Row> bySessionStart(String entity, Dataset<Row> silver, Collection<LocalDate> dates) {
    Dataset<Row> fromFirst = dates == null || dates.isEmpty() ? silver : silver.filter(col("event_date")
        .geq(Date.valueOf(dates.stream().min(LocalDate::compareTo).orElseThrow())));
    return fromFirst.withColumn("_start_date", to_date(col("session_start")))
        .filter(DateFilters.in("_start_date", dates))
        .groupBy(col(entity).as("_suid"), col("_start_date"), col("session_id"))
        .agg(min("session_start").as("_start"), max("event_time").as("_end"))
        .groupBy("_suid", "_start_date")
        .agg(count(lit(1)).as(SESSIONS),
            avg(unix_millis(col("_end")).minus(unix_millis(col("_start")))).divide(1000.0).as(SESSION_SECONDS));
  }

  private static List<Column> aggregates(FeatureGroup group, Map<String, ExprType> inputs, Column latest) {
    List<Column> columns = new ArrayList<>();
    for (Feature f : group.features()) {
      if (!f.isDerived() && !f.aggregation().isSessionMeasure()) {
        columns.add(FeatureAggregates.of(f, inputs, latest));
      }
    }
    if (columns.isEmpty()) {
      columns.add(count(lit(1)).as("_rows"));
    }
    return columns;
  }

  /** Session measures and derived features in order, then the table's columns and types. */
  private static Dataset<Row> finish(FeatureGroup group, Dataset<Row> rows) {
    Map<String, ExprType> row = new LinkedHashMap<>();
    for (Feature f : group.features()) {
      if (f.isDerived()) {
        rows = rows.withColumn(f.name(), ExpressionColumns.compile(f.expression(), row));
      } else if (f.aggregation() == Aggregation.SESSIONS) {
        rows = rows.withColumn(f.name(), coalesce(col(SESSIONS), lit(0L)));
      } else if (f.aggregation() == Aggregation.AVG_SESSION_SECONDS) {
        rows = rows.withColumn(f.name(), col(SESSION_SECONDS));
      }
      row.put(f.name(), f.type());
    }
    List<Column> out = new ArrayList<>(List.of(col(group.entity()), col(group.dateColumn())));
    group.features().forEach(f -> out.add(col(f.name()).cast(FeatureTypes.of(f.type())).as(f.name())));
    return rows.select(out.toArray(Column[]::new));
  }

  private static void requireDaily(FeatureGroup group, boolean daily) {
    if (group.isDaily() != daily) {
      throw new IllegalArgumentException("feature group " + group.name() + " is " + (group.isDaily() ? "daily"
          : "rolling") + ", not " + (daily ? "daily" : "rolling"));
    }
  }

  private static Column first(List<Column> columns) {
    return columns.get(0);
  }

  private static Column[] rest(List<Column> columns) {
    return columns.subList(1, columns.size()).toArray(Column[]::new);
  }
}
