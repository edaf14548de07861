package io.userflow.jobs.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.to_date;

import io.userflow.core.layout.BronzeColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Kafka source rows to Bronze rows: the record as received, nothing parsed. */
public final class BronzeTransform {
  private BronzeTransform() {}

  /**
   * Selects the Bronze columns from rows with the Kafka source schema (key, value, topic, partition,
   * offset, timestamp). In a stream, {@code current_timestamp()} is the micro-batch time from the offset
   * log, so a replayed batch gets the same ingest_time.
   */
  public static Dataset<Row> toBronze(Dataset<Row> kafka) {
    Column now = current_timestamp();
    return kafka.select(
        col("value").cast("string").as(BronzeColumns.RAW_VALUE),
        col("key").cast("string").as(BronzeColumns.RAW_KEY),
        col("topic").as(BronzeColumns.TOPIC),
        col("partition").as(BronzeColumns.PARTITION),
        col("offset").as(BronzeColumns.OFFSET),
        col("timestamp").as(BronzeColumns.KAFKA_TIMESTAMP),
        now.as(BronzeColumns.INGEST_TIME),
        to_date(now).as(BronzeColumns.INGEST_DATE));
  }
}
