package io.userflow.bench;

import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.bronze.BronzeTable;
import io.userflow.devkit.simulator.SimulatedRecord;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Puts simulated records straight into a Bronze table, one append snapshot per call, as if the streaming stage
 * had ingested them (Kafka timestamp = send time, two partitions by key). Lets the Silver/Gold benchmark build
 * months of history without replaying it through a broker.
 */
final class DirectBronze {

  private final SparkSession spark;
  private final String table;
  private final long[] nextOffset = new long[2];

  DirectBronze(SparkSession spark, TableLayout layout) {
    this.spark = spark;
    this.table = layout.sparkName(layout.bronze());
    spark.sql("DROP TABLE IF EXISTS " + table);
    BronzeTable.ensure(spark, layout);
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
      spark.createDataFrame(rows, BronzeTable.SCHEMA).writeTo(table).append();
    } catch (Exception e) {
      throw new IllegalStateException("cannot append to " + table + ": " + e.getMessage(), e);
    }
  }
}
