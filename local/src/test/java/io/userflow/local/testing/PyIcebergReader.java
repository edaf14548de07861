package io.userflow.local.testing;

import static org.apache.spark.sql.functions.col;

import io.userflow.core.iceberg.CatalogSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * PyIceberg, a second and independent Iceberg reader, opening tables of a local (SQLite) catalog:
 * {@code pyiceberg/read_tables.py} in the venv {@code pyiceberg/setup.sh} builds writes each table's rows to a
 * Parquet file, which Spark then reads, its columns cast to the table's types, to compare with the table itself.
 */
public final class PyIcebergReader {
  private static final Path PYICEBERG = Path.of("..", "pyiceberg").toAbsolutePath().normalize();

  private PyIcebergReader() {}

  /** The rows PyIceberg reads from each of {@code tables} ({@code namespace.table}), in the order given. */
  public static List<Dataset<Row>> read(SparkSession spark, CatalogSettings catalog, Path out, List<String> tables)
      throws IOException, InterruptedException {
    String venv = run(List.of("bash", PYICEBERG.resolve("setup.sh").toString()), out.resolve("setup.log")).strip();
    List<String> command = new ArrayList<>(List.of(venv + "/bin/python", PYICEBERG.resolve("read_tables.py").toString(),
        "--name", catalog.name(), "--sqlite", catalog.uri().substring("jdbc:sqlite:".length()), "--warehouse",
        catalog.warehouse(), "--out", out.toString()));
    command.addAll(tables);
    // one JSON line per table: {"table": ..., "rows": ..., "parquet": ...}
    System.out.print(run(command, out.resolve("read.log")));
    List<Dataset<Row>> rows = new ArrayList<>();
    for (String table : tables) {
      Dataset<Row> read = spark.read().parquet(out.resolve(table + ".parquet").toString());
      Column[] asTable = Arrays.stream(spark.table(catalog.name() + "." + table).schema().fields())
          .map((StructField f) -> col(f.name()).cast(f.dataType()).as(f.name())).toArray(Column[]::new);
      rows.add(read.select(asTable));
    }
    return rows;
  }

  private static String run(List<String> command, Path log) throws IOException, InterruptedException {
    return ExternalCommand.run(command, log, Duration.ofMinutes(15));
  }
}
