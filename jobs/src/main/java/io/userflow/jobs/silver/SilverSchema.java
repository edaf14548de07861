package io.userflow.jobs.silver;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column layouts of the Silver tables and of the validation output between them. */
public final class SilverSchema {
  private SilverSchema() {}

  /** Where a row came from in Kafka and when Bronze saw it; carried into Silver and rejects. */
  private static final StructField[] ORIGIN = {
      field("kafka_topic", StringType, false), field("kafka_partition", IntegerType, false),
      field("kafka_offset", LongType, false), field("kafka_timestamp", TimestampType, true),
      field("ingest_time", TimestampType, true)};

  private static final StructField[] EVENT = {
      field("event_id", StringType, true), field("user_id", StringType, true), field("event_type", StringType, true),
      field("event_time", TimestampType, true), field("event_date", DateType, true),
      field("session_hint", StringType, true), field("page", StringType, true), field("product_id", StringType, true),
      field("price", DataTypes.createDecimalType(EventLimits.PRICE_PRECISION, EventLimits.PRICE_SCALE), true), field("quantity", IntegerType, true), field("device", StringType, true),
      field("schema_version", IntegerType, true), field("referrer", StringType, true)};

  /**
   * Output of validation: origin, typed event fields (null when rejected), reject reason/detail, and the raw value's
   * bytes exactly as Bronze holds them (binary, so invalid UTF-8 reaches the rejects unchanged).
   */
  public static final StructType VALIDATED = new StructType(concat(ORIGIN, EVENT, new StructField[] {
      field("reject_reason", StringType, true), field("reject_detail", StringType, true),
      field("raw_value", BinaryType, true)}));

  /** Silver events, partitioned by event_date. session_id is derived from (user_id, session start). */
  public static final StructType EVENTS = new StructType(concat(EVENT, new StructField[] {
      field("session_id", StringType, true), field("session_start", TimestampType, true)}, ORIGIN));

  /** Silver rejects, partitioned by ingest_date. */
  public static final StructType REJECTS = new StructType(concat(ORIGIN, new StructField[] {
      field("ingest_date", DateType, true), field("raw_value", StringType, true),
      field("reason_code", StringType, false), field("reason_detail", StringType, true),
      field("event_id", StringType, true)}));

  public static String[] eventColumns() {
    return EVENTS.fieldNames();
  }

  /** {@link #VALIDATED} followed by {@code extras}, the declared fields' columns. */
  public static StructType validated(StructType extras) {
    return extras.isEmpty() ? VALIDATED : new StructType(concat(VALIDATED.fields(), extras.fields()));
  }

  /** {@link #EVENTS} followed by {@code extras}: the Silver table of a pipeline that declares fields. */
  public static StructType events(StructType extras) {
    return extras.isEmpty() ? EVENTS : new StructType(concat(EVENTS.fields(), extras.fields()));
  }

  /** The columns of {@code table} after Silver's own ({@link #EVENTS}), in table order. */
  public static StructType extras(StructType table) {
    java.util.Set<String> own = java.util.Set.of(EVENTS.fieldNames());
    return new StructType(java.util.Arrays.stream(table.fields()).filter(f -> !own.contains(f.name()))
        .toArray(StructField[]::new));
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return new StructField(name, type, nullable, org.apache.spark.sql.types.Metadata.empty());
  }

  private static StructField[] concat(StructField[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(StructField[]::new);
  }
}
