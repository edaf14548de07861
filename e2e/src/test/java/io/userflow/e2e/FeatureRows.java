package io.userflow.e2e;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of a feature table as plain values both engines agree on, so Spark's rows and Trino's JDBC rows compare
 * with {@code equals}: dates as {@link LocalDate}, timestamps as {@link Instant}, decimals without trailing zeros,
 * integers as {@link Long}.
 */
final class FeatureRows {
  private FeatureRows() {}

  /** The columns of a Gold table in schema order, for a SELECT list both engines run. */
  static List<String> columns(StructType schema) {
    return Arrays.asList(schema.fieldNames());
  }

  /** Spark's rows of {@code table} (all rows, the given columns in order). */
  static List<List<Object>> of(Dataset<Row> table, List<String> columns) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : table.selectExpr(columns.toArray(String[]::new)).collectAsList()) {
      List<Object> row = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        row.add(normalize(r.get(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  static Object normalize(Object v) {
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    if (v instanceof Date d) {
      return d.toLocalDate();
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }
}
