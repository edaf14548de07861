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
import io.userflow.jobs.spark.IcebergTables;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Creates the Bronze table if it is missing and checks that an existing one has the Bronze columns. */
public final class BronzeTable {
  /** The Bronze columns in table order: the one definition the job, the test fakes and the benches write. */
  public static final StructType SCHEMA = new StructType()
      .add(RAW_VALUE, DataTypes.StringType).add(RAW_KEY, DataTypes.StringType)
      .add(TOPIC, DataTypes.StringType).add(PARTITION, DataTypes.IntegerType)
      .add(OFFSET, DataTypes.LongType).add(KAFKA_TIMESTAMP, DataTypes.TimestampType)
      .add(INGEST_TIME, DataTypes.TimestampType).add(INGEST_DATE, DataTypes.DateType);

  private BronzeTable() {}

  /** Creates namespace and table if missing; returns the table's Spark name. */
  public static String ensure(SparkSession spark, TableLayout layout) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + layout.catalog() + "." + layout.namespace());
    String table = layout.sparkName(layout.bronze());
    spark.sql(createTableSql(table));
    List<String> actual = List.of(spark.table(table).schema().fieldNames());
    List<String> expected = List.of(SCHEMA.fieldNames());
    if (!actual.equals(expected)) {
      throw new IllegalStateException("table " + table + " exists with columns " + actual + ", not the Bronze columns " + expected);
    }
    IcebergTables.load(spark, table, ""); // refuses a table another pipeline owns, stamps a new one
    return table;
  }

  static String createTableSql(String table) {
    return new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (").append(SCHEMA.toDDL())
        .append(") USING iceberg PARTITIONED BY (").append(INGEST_DATE).append(")")
        .append(" TBLPROPERTIES ('format-version'='2',")
        // one metadata file per micro-batch adds up; old ones are not needed for recovery
        .append(" 'write.metadata.delete-after-commit.enabled'='true', 'write.metadata.previous-versions-max'='100')")
        .toString();
  }
}
