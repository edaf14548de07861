package io.userflow.jobs.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.BronzeColumns;
import io.userflow.jobs.spark.Sessions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bronze transform on in-memory rows shaped like the Kafka source's. */
class BronzeTransformTest {
  @TempDir static Path dir;
  static SparkSession spark;

  static final StructType KAFKA = new StructType(new StructField[] {
      DataTypes.createStructField("key", DataTypes.BinaryType, true),
      DataTypes.createStructField("value", DataTypes.BinaryType, true),
      DataTypes.createStructField("topic", DataTypes.StringType, false),
      DataTypes.createStructField("partition", DataTypes.IntegerType, false),
      DataTypes.createStructField("offset", DataTypes.LongType, false),
      DataTypes.createStructField("timestamp", DataTypes.TimestampType, false),
      DataTypes.createStructField("timestampType", DataTypes.IntegerType, false)});

  @BeforeAll
  static void startSpark() {
    spark = Sessions.create("bronze-transform-test", CatalogSettings.local("userflow", dir), "local[2]");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void keepsValuesAsReceivedAndAddsWhereTheyCameFrom() {
    String broken = "{\"event_id\":\"e1\",\"pri";
    Timestamp sent = Timestamp.valueOf("2026-11-01 10:15:30.123");
    Dataset<Row> kafka = spark.createDataFrame(List.of(
        RowFactory.create(bytes("u000001"), bytes(broken), "events", 1, 41L, sent, 0),
        RowFactory.create(null, bytes("ü 😀 {}"), "events", 0, 7L, sent, 0),
        RowFactory.create(null, null, "events", 0, 8L, sent, 0)), KAFKA);

    Dataset<Row> bronze = BronzeTransform.toBronze(kafka);
    assertThat(bronze.columns()).containsExactly(BronzeTable.SCHEMA.fieldNames());
    List<Row> rows = bronze.orderBy(BronzeColumns.OFFSET).collectAsList();

    assertThat(rows.get(0).<String>getAs(BronzeColumns.RAW_VALUE)).isEqualTo("ü 😀 {}");
    assertThat(rows.get(0).<String>getAs(BronzeColumns.RAW_KEY)).isNull();
    assertThat(rows.get(1).<String>getAs(BronzeColumns.RAW_VALUE)).isNull();
    Row first = rows.get(2);
    assertThat(first.<String>getAs(BronzeColumns.RAW_VALUE)).isEqualTo(broken);
    assertThat(first.<String>getAs(BronzeColumns.RAW_KEY)).isEqualTo("u000001");
    assertThat(first.<String>getAs(BronzeColumns.TOPIC)).isEqualTo("events");
    assertThat(first.<Integer>getAs(BronzeColumns.PARTITION)).isEqualTo(1);
    assertThat(first.<Long>getAs(BronzeColumns.OFFSET)).isEqualTo(41L);
    assertThat(first.<Timestamp>getAs(BronzeColumns.KAFKA_TIMESTAMP)).isEqualTo(sent);
    Timestamp ingest = first.getAs(BronzeColumns.INGEST_TIME);
    assertThat(ingest).isNotNull();
    assertThat(first.<java.sql.Date>getAs(BronzeColumns.INGEST_DATE).toString())
        .isEqualTo(ingest.toInstant().toString().substring(0, 10));
    assertThat(Arrays.stream(bronze.schema().fields()).map(f -> f.dataType().typeName()))
        .containsExactly("string", "string", "string", "integer", "long", "timestamp", "timestamp", "date");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
