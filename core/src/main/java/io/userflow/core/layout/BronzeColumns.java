package io.userflow.core.layout;

/**
 * Columns of the Bronze table: the Kafka record exactly as received plus where it came from.
 * Partitioned by {@link #INGEST_DATE}. Silver reads these names; Bronze writes them.
 */
public final class BronzeColumns {
  /** Record value as UTF-8 text, unparsed (may be malformed JSON). Null if the record had no value. */
  public static final String RAW_VALUE = "raw_value";
  /** Record key as UTF-8 text, may be null. */
  public static final String RAW_KEY = "raw_key";
  public static final String TOPIC = "kafka_topic";
  public static final String PARTITION = "kafka_partition";
  public static final String OFFSET = "kafka_offset";
  /** Kafka record timestamp (producer CreateTime), UTC timestamp. */
  public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
  /** When the Bronze micro-batch processed the record, UTC timestamp. */
  public static final String INGEST_TIME = "ingest_time";
  /** UTC date of {@link #INGEST_TIME}; the partition column. */
  public static final String INGEST_DATE = "ingest_date";

  private BronzeColumns() {}
}
