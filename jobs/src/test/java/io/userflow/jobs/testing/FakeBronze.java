package io.userflow.jobs.testing;

import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.bronze.BronzeTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Writes hand-made Bronze rows (as the Bronze stage would) so Silver and Gold tests control arrival exactly.
 * Each call is one Bronze append snapshot, like one streaming micro-batch.
 */
public final class FakeBronze {

  private final SparkSession spark;
  private final String table;
  private long nextOffset;

  public FakeBronze(SparkSession spark, TableLayout layout) {
    this.spark = spark;
    this.table = layout.sparkName(layout.bronze());
    BronzeTable.ensure(spark, layout);
  }

  /** Appends raw values received at {@code receivedAt} (Kafka timestamp; ingest 1 s later), offsets continuing. */
  public void append(Instant receivedAt, List<String> rawValues) {
    List<Row> rows = new ArrayList<>();
    Instant ingest = receivedAt.plusSeconds(1);
    for (String raw : rawValues) {
      long offset = nextOffset++;
      rows.add(RowFactory.create(raw, null, "events", (int) (offset % 2), offset,
          Timestamp.from(receivedAt.plusMillis(offset % 1000)), Timestamp.from(ingest),
          Date.valueOf(ingest.atZone(ZoneOffset.UTC).toLocalDate())));
    }
    try {
      spark.createDataFrame(rows, BronzeTable.SCHEMA).writeTo(table).append();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid event JSON. */
  public static String event(String id, String user, String type, String time) {
    String extra = type.equals("purchase") ? ",\"price\":10.5,\"quantity\":2,\"product_id\":\"p1\"" :
        type.equals("product_view") ? ",\"product_id\":\"p-" + id.hashCode() % 3 + "\"" : "";
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"event_type\":\"" + type
        + "\",\"event_time\":\"" + time + "\",\"device\":\"web\",\"schema_version\":1" + extra + "}";
  }
}
