package io.userflow.bench;

import io.userflow.core.layout.BronzeColumns;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.simulator.SimulatedRecord;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Puts simulated records straight into a Bronze table, one append snapshot per call, as if the streaming stage
 * had ingested them (Kafka timestamp = send time, two partitions by key). Lets the Silver/Gold benchmark build
 * months of history without replaying it through a broker.
 */
final class DirectBronze {
  private static final StructType SCHEMA = new StructType()
      .add(BronzeColumns.RAW_VALUE, DataTypes.StringType).add(BronzeColumns.RAW_KEY, DataTypes.StringType)
      .add(BronzeColumns.TOPIC, DataTypes.StringType).add(BronzeColumns.PARTITION, DataTypes.IntegerType)
      .add(BronzeColumns.OFFSET, DataTypes.LongType).add(BronzeColumns.KAFKA_TIMESTAMP, DataTypes.TimestampType)
      .add(BronzeColumns.INGEST_TIME, DataTypes.TimestampType).add(BronzeColumns.INGEST_DATE, DataTypes.DateType);

  private final SparkSession spark;
  private final String table;
  private final long[] nextOffset = new long[2];

  DirectBronze(SparkSession spark, TableLayout layout) {
    this.spark = spark;
    this.table = layout.sparkName(layout.bronze());
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + layout.catalog() + "." + layout.namespace());
    spark.sql("DROP TABLE IF EXISTS " + table);
    spark.sql("CREATE TABLE " + table + " (" + SCHEMA.toDDL()
        + ") USING iceberg PARTITIONED BY (" + BronzeColumns.INGEST_DATE + ") TBLPROPERTIES ('format-version'='2')");
  }

  void append(List<SimulatedRecord> records) {
    List<Row> rows = new ArrayList<>(records.size());
    for (SimulatedRecord r : records) {
      int partition = r.key() == null ? 0 : Math.floorMod(r.key().hashCode(), 2);
      Timestamp sent = Timestamp.from(r.sendTime());
      Timestamp ingest = Timestamp.from(r.sendTime().plusSeconds(1));
      rows.add(RowFactory.create(r.value(), r.key(), "events", partition, nextOffset[partition]++, sent, ingest,
          Date.valueOf(r.sendTime().plusSeconds(1).atZone(ZoneOffset.UTC).toLocalDate())));
    }
    try {
      spark.createDataFrame(rows, SCHEMA).writeTo(table).append();
    } catch (Exception e) {
      throw new IllegalStateException("cannot append to " + table + ": " + e.getMessage(), e);
    }
  }
}
