package io.userflow.jobs.bronze;

import static io.userflow.core.layout.BronzeColumns.INGEST_DATE;
import static io.userflow.core.layout.BronzeColumns.INGEST_TIME;
import static io.userflow.core.layout.BronzeColumns.KAFKA_TIMESTAMP;
import static io.userflow.core.layout.BronzeColumns.OFFSET;
import static io.userflow.core.layout.BronzeColumns.PARTITION;
import static io.userflow.core.layout.BronzeColumns.RAW_KEY;
import static io.userflow.core.layout.BronzeColumns.RAW_VALUE;
import static io.userflow.core.layout.BronzeColumns.TOPIC;

import io.userflow.core.layout.TableLayout;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/** Creates the Bronze table if it is missing and checks that an existing one has the Bronze columns. */
public final class BronzeTable {
  /** Column names and Spark SQL types, in table order. */
  public static final List<String[]> COLUMNS = List.of(
      new String[] {RAW_VALUE, "STRING"},
      new String[] {RAW_KEY, "STRING"},
      new String[] {TOPIC, "STRING"},
      new String[] {PARTITION, "INT"},
      new String[] {OFFSET, "BIGINT"},
      new String[] {KAFKA_TIMESTAMP, "TIMESTAMP"},
      new String[] {INGEST_TIME, "TIMESTAMP"},
      new String[] {INGEST_DATE, "DATE"});

  private BronzeTable() {}

  /** Creates namespace and table if missing; returns the table's Spark name. */
  public static String ensure(SparkSession spark, TableLayout layout) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + layout.catalog() + "." + layout.namespace());
    String table = layout.sparkName(layout.bronze());
    spark.sql(createTableSql(table));
    List<String> actual = Arrays.stream(spark.table(table).schema().fields()).map(StructField::name).toList();
    List<String> expected = COLUMNS.stream().map(c -> c[0]).toList();
    if (!actual.equals(expected)) {
      throw new IllegalStateException("table " + table + " exists with columns " + actual + ", not the Bronze columns " + expected);
    }
    return table;
  }

  static String createTableSql(String table) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (");
    for (int i = 0; i < COLUMNS.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(COLUMNS.get(i)[0]).append(' ').append(COLUMNS.get(i)[1]);
    }
    return sql.append(") USING iceberg PARTITIONED BY (").append(INGEST_DATE).append(")")
        .append(" TBLPROPERTIES ('format-version'='2',")
        // one metadata file per micro-batch adds up; old ones are not needed for recovery
        .append(" 'write.metadata.delete-after-commit.enabled'='true', 'write.metadata.previous-versions-max'='100')")
        .toString();
  }
}
