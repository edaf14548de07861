package io.userflow.jobs.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udf;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The entity rows of a training set: read from CSV, JSON lines or Parquet, each given its input position
 * ({@link #ROW}), its entity key ({@link #KEY}), its label time ({@link #TIME}) and the last day its features may
 * come from ({@link #DAY}, {@link io.userflow.core.training.PointInTime#lastUsableDay}). A time without a UTC offset
 * or one that does not parse is refused with the rows that have it, never guessed.
 */
final class EntityRows {
  static final String PREFIX = "_uf_";
  static final String ROW = PREFIX + "row";
  static final String KEY = PREFIX + "key";
  static final String TIME = PREFIX + "time";
  static final String DAY = PREFIX + "day";
  /** ISO-8601 with an offset, read as event_time is (docs/EVENTS.md); anything else is null, then refused. */
  private static final UserDefinedFunction PARSE_TIME = udf((UDF1<String, Timestamp>) text -> {
    try {
      return text == null ? null : Timestamp.from(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException e) {
      return null;
    }
  }, DataTypes.TimestampType);

  private EntityRows() {}

  /** The entity rows with the added columns; the input's own columns keep their names and order. */
  static Dataset<Row> read(SparkSession spark, String path, String keyColumn, String timeColumn) {
    Dataset<Row> input = reader(spark, path);
    List<String> columns = Arrays.asList(input.columns());
    for (String c : columns) {
      if (c.startsWith(PREFIX)) {
        throw new IllegalArgumentException("entity column " + c + " starts with " + PREFIX + ", which the training set"
            + " uses for its own columns; rename it");
      }
    }
    for (String[] named : new String[][] {{"--entity-column", keyColumn}, {"--timestamp-column", timeColumn}}) {
      if (!columns.contains(named[1])) {
        throw new IllegalArgumentException(path + " has no column " + named[1] + " (" + named[0] + "); its columns: "
            + String.join(", ", columns));
      }
    }
    Dataset<Row> withRow = input.withColumn(ROW, monotonically_increasing_id());
    Column time = labelTime(withRow, timeColumn);
    Dataset<Row> rows = withRow.withColumn(KEY, col(keyColumn).cast(DataTypes.StringType)).withColumn(TIME, time);
    refuseBad(rows, keyColumn, timeColumn);
    return rows.withColumn(DAY, date_sub(to_date(col(TIME)), 1));
  }

  private static Dataset<Row> reader(SparkSession spark, String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".csv")) {
      // every column a string: a label or key read as a number would be a silently changed value
      return spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST").csv(path);
    }
    if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")) {
      return spark.read().option("mode", "FAILFAST").option("prefersDecimal", "true").json(path);
    }
    if (p.endsWith(".parquet")) {
      return spark.read().parquet(path);
    }
    throw new IllegalArgumentException("--entities " + path + ": the name must end in .csv, .jsonl, .json, .ndjson"
        + " or .parquet, which says how to read it");
  }

  private static Column labelTime(Dataset<Row> rows, String timeColumn) {
    var type = rows.schema().apply(timeColumn).dataType();
    if (type instanceof TimestampType) {
      return col(timeColumn);
    }
    if (type instanceof StringType) {
      return PARSE_TIME.apply(col(timeColumn));
    }
    throw new IllegalArgumentException("--timestamp-column " + timeColumn + " is a " + type.simpleString()
        + "; it must be a timestamp or an ISO-8601 text with an offset, e.g. 2026-11-05T10:00:00Z");
  }

  private static void refuseBad(Dataset<Row> rows, String keyColumn, String timeColumn) {
    Dataset<Row> bad = rows.filter(col(TIME).isNull().or(col(KEY).isNull()));
    List<Row> first = bad.select(concat_ws(" ", col(ROW).cast("string"),
        col(keyColumn).cast("string"), col(timeColumn).cast("string"))).limit(3).collectAsList();
    if (!first.isEmpty()) {
      long count = bad.count();
      throw new IllegalArgumentException(count + " entity rows have no " + keyColumn + " or a " + timeColumn
          + " that is not an ISO-8601 time with an offset (e.g. 2026-11-05T10:00:00Z or 2026-11-05T12:00:00+02:00);"
          + " first ones (row key time): " + first.stream().map(r -> r.getString(0)).toList()
          + ". Fix or drop them: a time without an offset is ambiguous, and no row is left out silently");
    }
  }
}
