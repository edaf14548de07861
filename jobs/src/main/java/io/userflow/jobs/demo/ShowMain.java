package io.userflow.jobs.demo;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a table of the local catalog, or the result of a Spark SQL query, as a text table or CSV. */
@Command(name = "show", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Print a table (or --sql query) of the local catalog.")
public final class ShowMain implements Callable<Integer> {
  @Option(names = "--local-dir", defaultValue = ".userflow", description = "Local catalog root (as used by the demo)")
  Path localDir;

  @Option(names = "--namespace", defaultValue = TableLayout.DEFAULT_NAMESPACE)
  String namespace;

  @Option(names = "--sql", description = "Treat the argument as a Spark SQL query; tables are userflow.<namespace>.<table>")
  boolean sql;

  @Option(names = "--limit", defaultValue = "20")
  int limit;

  @Option(names = "--csv", description = "Print CSV instead of a text table")
  boolean csv;

  @Parameters(arity = "0..1", paramLabel = "TABLE_OR_QUERY")
  String target;

  @Override
  public Integer call() {
    if (!localDir.resolve("catalog.db").toFile().exists()) {
      System.err.println("No local catalog in " + localDir.toAbsolutePath() + ". Run ./userflow demo first.");
      return 1;
    }
    SparkSession spark = Sessions.create("userflow-show", CatalogSettings.local(TableLayout.DEFAULT_CATALOG, localDir), "local[1]");
    try {
      if (target == null) {
        spark.sql("SHOW TABLES IN " + TableLayout.DEFAULT_CATALOG + "." + namespace).show(100, false);
        return 0;
      }
      Dataset<Row> rows = sql ? spark.sql(target)
          : spark.table(TableLayout.DEFAULT_CATALOG + "." + namespace + "." + TableLayout.requireIdentifier("table", target));
      if (csv) {
        System.out.println(String.join(",", rows.columns()));
        List<Row> list = rows.limit(limit).collectAsList();
        for (Row r : list) {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < r.size(); i++) {
            b.append(i == 0 ? "" : ",").append(csvCell(r.get(i)));
          }
          System.out.println(b);
        }
      } else {
        rows.show(limit, false);
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ShowMain()).execute(args));
  }
}
