package io.userflow.jobs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.events.EventDeclaration;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

/** The Silver stage's Dataset→Dataset steps. Static and free of I/O so they are tested on small in-memory data. */
public final class SilverTransforms {
  private SilverTransforms() {}

  /** Validates every Bronze row; the output has {@link SilverSchema#VALIDATED} columns, one row per input row. */
  public static Dataset<Row> validate(Dataset<Row> bronze, EventLimits limits) {
    return validate(bronze, limits, EventDeclaration.defaults(), new StructType());
  }

  /**
   * Validates every Bronze row against {@code events}; the output has {@link SilverSchema#validated} columns with
   * {@code extras} (the Silver table's columns after its own), one row per input row. An extra column the
   * declaration fills holds the event's value, any other is null.
   */
  public static Dataset<Row> validate(Dataset<Row> bronze, EventLimits limits, EventDeclaration events,
      StructType extras) {
    // the value's bytes as stored: a cast to binary keeps them, a Java String would replace invalid UTF-8
    Dataset<Row> in = bronze.select(col("kafka_topic"), col("kafka_partition"), col("kafka_offset"),
        col("kafka_timestamp"), col("ingest_time"), col("raw_value").cast("binary"));
    String[] extraNames = extras.fieldNames();
    return in.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> validateAll(rows, limits, events, extraNames),
        Encoders.row(SilverSchema.validated(extras)));
  }

  private static Iterator<Row> validateAll(Iterator<Row> rows, EventLimits limits, EventDeclaration events,
      String[] extras) {
    EventValidator validator = new EventValidator(limits, events);
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      // the pipeline received the event when Kafka stamped it; Bronze's own ingest time only if Kafka gave none
      Timestamp received = r.isNullAt(3) ? r.getTimestamp(4) : r.getTimestamp(3);
      byte[] raw = r.isNullAt(5) ? null : (byte[]) r.get(5);
      EventValidator.Result res = validator.validate(raw, received == null ? null : received.toInstant());
      EventValidator.ValidEvent e = res.event();
      Object[] origin = {r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)};
      Object[] event = e == null ? new Object[13] : new Object[] {e.eventId(), e.userId(), e.eventType(),
          Timestamp.from(e.eventTime()), Date.valueOf(e.eventTime().atZone(ZoneOffset.UTC).toLocalDate()),
          e.sessionHint(), e.page(), e.productId(), e.price(), e.quantity(), e.device(), e.schemaVersion(),
          e.referrer()};
      Object[] tail = {res.reason() == null ? null : res.reason().name(), res.detail(), raw};
      Object[] all = new Object[origin.length + event.length + tail.length + extras.length];
      System.arraycopy(origin, 0, all, 0, origin.length);
      System.arraycopy(event, 0, all, origin.length, event.length);
      System.arraycopy(tail, 0, all, origin.length + event.length, tail.length);
      for (int i = 0; e != null && i < extras.length; i++) {
        Object v = e.declared().get(extras[i]);
        all[origin.length + event.length + tail.length + i] = v instanceof Instant t ? Timestamp.from(t) : v;
      }
      out.add(RowFactory.create(all));
    }
    return out.iterator();
  }

  /** Rejected rows in {@link SilverSchema#REJECTS} layout. The event_id is kept when the JSON had one. */
  public static Dataset<Row> rejects(Dataset<Row> validated) {
    Column eventId = org.apache.spark.sql.functions.get_json_object(col("raw_value").cast("string"), "$.event_id");
    return validated.filter(col("reject_reason").isNotNull())
        .select(col("kafka_topic"), col("kafka_partition"), col("kafka_offset"), col("kafka_timestamp"),
            col("ingest_time"), to_date(col("ingest_time")).as("ingest_date"), col("raw_value").cast("string").as("raw_value"),
            col("reject_reason").as("reason_code"), col("reject_detail").as("reason_detail"),
            eventId.as("event_id"));
  }

  /** Valid rows with event columns and origin, no session yet. */
  public static Dataset<Row> validEvents(Dataset<Row> validated) {
    return validated.filter(col("reject_reason").isNull()).drop("reject_reason", "reject_detail", "raw_value");
  }

  /** Keeps the copy of each event_id received first: earliest Kafka timestamp, then partition, then offset. */
  public static Dataset<Row> firstReceived(Dataset<Row> events) {
    WindowSpec w = Window.partitionBy("event_id").orderBy(col("kafka_timestamp").asc_nulls_last(),
        col("kafka_partition").asc(), col("kafka_offset").asc(), col("kafka_topic").asc());
    return events.withColumn("_rank", row_number().over(w)).filter(col("_rank").equalTo(1)).drop("_rank");
  }

  /**
   * The rows of {@code batch} whose event_id {@code silver} does not hold yet. With {@code broadcastBatch} the batch's
   * ids go to every task that reads Silver's event_id column, which keeps the ids it finds there; only those few
   * are then joined back. Without it, Silver's ids are joined to the batch by Spark's own choice of join.
   */
  public static Dataset<Row> notIn(Dataset<Row> batch, Dataset<Row> silver, boolean broadcastBatch) {
    Dataset<Row> silverIds = silver.select(col("event_id").as("_eid"));
    if (!broadcastBatch) {
      return batch.join(silverIds, batch.col("event_id").equalTo(silverIds.col("_eid")), "left_anti");
    }
    Dataset<Row> batchIds = batch.select(col("event_id").as("_bid"));
    Dataset<Row> seen = silverIds.join(broadcast(batchIds), silverIds.col("_eid").equalTo(batchIds.col("_bid")), "left_semi");
    return batch.join(broadcast(seen), batch.col("event_id").equalTo(seen.col("_eid")), "left_anti");
  }

  /**
   * Assigns sessions per user: events ordered by (event_time, event_id); a gap over {@code gapMinutes} starts a
   * new session. session_id is a hash of (user_id, session start), so the same events always get the same id.
   * Input: event rows without session columns; output: {@link SilverSchema#EVENTS} columns.
   */
  public static Dataset<Row> sessionize(Dataset<Row> events, int gapMinutes) {
    String[] columns = withExtras(events);
    WindowSpec byTime = Window.partitionBy("user_id").orderBy(col("event_time"), col("event_id"));
    Column previous = lag(col("event_time"), 1).over(byTime);
    Column gapMillis = unix_millis(col("event_time")).minus(unix_millis(previous));
    Dataset<Row> flagged = events.withColumn("_new_session",
        when(previous.isNull().or(gapMillis.gt(lit(gapMinutes * 60_000L))), 1).otherwise(0));
    WindowSpec running = byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> numbered = flagged.withColumn("_session_seq", sum(col("_new_session")).over(running));
    Dataset<Row> started = numbered.withColumn("session_start",
        min(col("event_time")).over(Window.partitionBy("user_id", "_session_seq")));
    Column sessionId = substring(sha2(concat_ws("|", col("user_id"),
        unix_millis(col("session_start")).cast("string")), 256), 1, 24);
    return started.withColumn("session_id", sessionId).selectExpr(columns);
  }

  /** {@link SilverSchema#eventColumns()}, then the columns of {@code events} after them (declared fields), in order. */
  private static String[] withExtras(Dataset<Row> events) {
    java.util.Set<String> own = java.util.Set.of(SilverSchema.eventColumns());
    return java.util.stream.Stream.concat(java.util.Arrays.stream(SilverSchema.eventColumns()),
        java.util.Arrays.stream(events.columns()).filter(c -> !own.contains(c))).toArray(String[]::new);
  }

  /**
   * Silver rows with the extra columns of {@code extras} (declared fields) after Silver's own: an extra column a row
   * set lacks, or holds with another type (read from a snapshot from before the field was added or replaced), is
   * null. Without extras, {@code rows} unchanged.
   */
  public static Dataset<Row> conform(Dataset<Row> rows, StructType extras) {
    if (extras.isEmpty()) {
      return rows;
    }
    List<String> have = java.util.Arrays.asList(rows.columns());
    List<Column> columns = new ArrayList<>();
    for (String c : SilverSchema.eventColumns()) {
      columns.add(col(c));
    }
    for (org.apache.spark.sql.types.StructField f : extras.fields()) {
      boolean same = have.contains(f.name()) && rows.schema().apply(f.name()).dataType().equals(f.dataType());
      columns.add((same ? col(f.name()) : lit(null).cast(f.dataType())).as(f.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Events whose send-to-event delay is over {@code lateAfter}: a measure of lateness absorbed, not a filter. */
  public static Column isLate(Duration lateAfter) {
    return unix_millis(col("kafka_timestamp")).minus(unix_millis(col("event_time"))).gt(lit(lateAfter.toMillis()));
  }
}
