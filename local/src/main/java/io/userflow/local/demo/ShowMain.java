package io.userflow.local.demo;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.jobs.spark.CatalogConnectionOptions;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.spark.CommandLines;
import io.userflow.jobs.spark.Sessions;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.iceberg.SnapshotAsOf;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a table of the local catalog, or the result of a Spark SQL query, as a text table or CSV. */
@Command(name = "show", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Print a table (or --sql query) of the local catalog, now or --as-of an earlier snapshot or time.")
public final class ShowMain implements Callable<Integer> {
  @Option(names = "--local-dir", defaultValue = ".userflow", description = "Local catalog root (as used by the demo)")
  Path localDir;

  /** The stages' catalog options: without any, the demo's SQLite catalog under --local-dir. */
  @Mixin CatalogConnectionOptions connection = new CatalogConnectionOptions();

  @Option(names = "--namespace", defaultValue = TableLayout.DEFAULT_NAMESPACE)
  String namespace;

  @Option(names = "--sql", description = "Treat the argument as a Spark SQL query; tables are userflow.<namespace>.<table>")
  boolean sql;

  @Option(names = "--limit", defaultValue = "20")
  int limit;

  @Option(names = "--csv", description = "Print CSV instead of a text table")
  boolean csv;

  @Option(names = "--as-of", paramLabel = "SNAPSHOT_ID|TIMESTAMP",
      description = "Read TABLE as it was: at a snapshot id, or at a time (2026-11-05T10:00:00Z, '2026-11-05 10:00:00' UTC, 2026-11-05)")
  String asOf;

  @Parameters(arity = "0..1", paramLabel = "TABLE_OR_QUERY")
  String target;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (connection.catalogUri == null && !localDir.resolve("catalog.db").toFile().exists()) {
      err.println("No local catalog in " + localDir.toAbsolutePath() + ". Run ./userflow demo first.");
      return 1;
    }
    if (asOf != null && (sql || target == null)) {
      throw new ParameterException(spec.commandLine(), "--as-of needs a TABLE; in --sql write VERSION AS OF / TIMESTAMP AS OF");
    }
    CatalogSettings settings = connection.settings(TableLayout.DEFAULT_CATALOG, localDir);
    Long snapshot;
    try {
      snapshot = checkTimeTravel(settings, err);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    SparkSession spark = Sessions.create("userflow-show", settings, "local[1]");
    try {
      if (target == null) {
        spark.sql("SHOW TABLES IN " + TableLayout.DEFAULT_CATALOG + "." + namespace).show(100, false);
        return 0;
      }
      String table = sql ? null : TableLayout.DEFAULT_CATALOG + "." + namespace + "." + TableLayout.requireIdentifier("table", target);
      Dataset<Row> rows = sql ? spark.sql(target)
          : snapshot == null ? spark.table(table) : spark.read().format("iceberg").option("versionAsOf", snapshot).load(table);
      if (csv) {
        out.println(String.join(",", rows.columns()));
        for (Row r : rows.limit(limit).collectAsList()) {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < r.size(); i++) {
            b.append(i == 0 ? "" : ",").append(csvCell(r.get(i)));
          }
          out.println(b);
        }
      } else {
        out.flush();
        rows.show(limit, false);
      }
      out.flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * Resolves --as-of, and checks the query's VERSION/TIMESTAMP AS OF clauses, against the tables' history through the
   * Iceberg API, before Spark starts; a reference outside it fails naming the earliest snapshot.
   */
  private Long checkTimeTravel(CatalogSettings settings, PrintWriter err) {
    List<TimeTravelClauses.Clause> clauses = sql ? TimeTravelClauses.find(target)
        : asOf == null ? List.of() : List.of(new TimeTravelClauses.Clause(target, asOf));
    if (clauses.isEmpty()) {
      return null;
    }
    Catalog catalog = Catalogs.open(settings);
    Long resolved = null;
    for (TimeTravelClauses.Clause c : clauses) {
      TableIdentifier id = TableIdentifier.parse(TimeTravelClauses.qualified(c.table(), settings.name(), namespace));
      if (!catalog.tableExists(id)) {
        if (sql) {
          continue;
        }
        throw new IllegalArgumentException("no table " + id + " in the local catalog; ./userflow show lists them");
      }
      Table table = catalog.loadTable(id);
      resolved = SnapshotAsOf.resolve(table, c.reference());
      err.println(id + " as of snapshot " + resolved + ", committed "
          + Instant.ofEpochMilli(table.snapshot(resolved).timestampMillis()));
    }
    return resolved;
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new ShowMain());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
