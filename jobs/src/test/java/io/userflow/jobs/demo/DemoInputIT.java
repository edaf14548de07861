package io.userflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.simulator.SimulatorMain;
import io.userflow.jobs.testing.PyIcebergReader;
import io.userflow.jobs.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.userflow.jobs.testing.CommandRun;
import picocli.CommandLine;

/**
 * {@code demo --input}: files that are not JSON lines stop it before anything starts; two real files run the demo's
 * whole path (real broker, Spark local mode, Iceberg tables) with the same report, the status view embedded, and
 * PyIceberg opens every table it wrote and reads the rows Spark reads.
 */
class DemoInputIT {
  @TempDir Path dir;
  final CommandRun cli = new CommandRun();

  @Test
  void refusesWhatIsNotJsonLinesBeforeStartingAnything() throws Exception {
    Path local = dir.resolve("local");
    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, "{\"event_id\":\"a\"}\n");
    Path csv = dir.resolve("events.csv");
    Files.writeString(csv, "event_id,user_id\na,u1\n");
    Path mostlyBad = dir.resolve("mostly-bad.jsonl");
    Files.writeString(mostlyBad, "{\"event_id\":\"a\"}\n{\"event_id\":\"b\"}\nnot json\n[1,2]\n");

    assertThat(demo("--local-dir", local.toString(), "--input", good + "," + dir.resolve("missing.jsonl"))).isEqualTo(1);
    assertThat(cli.err()).contains("input file not found: " + dir.resolve("missing.jsonl").toAbsolutePath());
    assertThat(demo("--local-dir", local.toString(), "--input", good + "," + csv)).isEqualTo(1);
    assertThat(cli.err()).contains(csv + " is not JSON lines: line 1 is not a JSON object (event_id,user_id)");
    assertThat(demo("--local-dir", local.toString(), "--input", mostlyBad.toString())).isEqualTo(1);
    assertThat(cli.err()).contains(mostlyBad + " is not JSON lines: line 3 is not a JSON object (not json); 2 of 4 lines are not");
    assertThat(demo("--local-dir", local.toString(), "--input", good.toString(), "--users", "3")).isEqualTo(2);
    assertThat(cli.err()).contains("--input replaces the simulator; leave out --users");
    // nothing was wiped or started: no local dir, so no broker and no catalog
    assertThat(local).doesNotExist();
  }

  @Test
  void runsTheWholeDemoOnTheUsersFiles() throws Exception {
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");
    assertThat(simulate(first, start + "T00:00:00Z", "3d", "1")).isZero();
    assertThat(simulate(second, start.plusDays(3) + "T00:00:00Z", "1d", "2")).isZero();
    long lines = Files.readAllLines(first).size() + Files.readAllLines(second).size();

    Path local = dir.resolve("local");
    assertThat(demo("--local-dir", local.toString(), "--input", first + "," + second)).as(cli.err()).isZero();
    String report = cli.out();
    assertThat(report).startsWith("userflow demo report\n");
    assertThat(report).contains("Replayed " + lines + " records from 2 file(s): first.jsonl ("
        + Files.readAllLines(first).size() + "), second.jsonl (" + Files.readAllLines(second).size() + ")");
    assertThat(report).containsPattern("Bronze \\(raw, as received\\) +" + lines + "\n");
    assertThat(report).contains("events/batch-1 ", "events/batch-2 ", "rebuild/rebuild");
    assertThat(report).contains("=> the incremental tables equal a rebuild from scratch.");
    assertThat(report).contains("Status per layer after the last batch (./userflow status)", "Pending:    0 records in Kafka",
        "Next:       NOOP (NO_NEW_SNAPSHOTS)");
    assertThat(Files.readString(local.resolve("report/index.html"))).contains("Status per layer after the last batch");

    // a second, independent reader opens every table the demo wrote and reads the rows Spark reads
    TableLayout layout = TableLayout.defaults();
    CatalogSettings catalog = CatalogSettings.local(layout.catalog(), local);
    SparkSession spark = SparkTestSession.start(local, layout.catalog());
    try {
      List<String> tables = layout.allTables().stream().map(layout::qualified).toList();
      List<Dataset<Row>> read = PyIcebergReader.read(spark, catalog, dir.resolve("pyiceberg"), tables);
      for (int i = 0; i < tables.size(); i++) {
        Dataset<Row> bySpark = spark.table(layout.sparkName(layout.allTables().get(i)));
        long rows = bySpark.count();
        assertThat(rows).as("%s has rows", tables.get(i)).isPositive();
        assertThat(read.get(i).count()).as("rows PyIceberg reads from %s", tables.get(i)).isEqualTo(rows);
        assertThat(read.get(i).exceptAll(bySpark).limit(5).collectAsList())
            .as("rows of %s PyIceberg reads and Spark does not", tables.get(i)).isEmpty();
        assertThat(bySpark.exceptAll(read.get(i)).limit(5).collectAsList())
            .as("rows of %s Spark reads and PyIceberg does not", tables.get(i)).isEmpty();
      }
    } finally {
      spark.stop();
    }
  }

  private int simulate(Path file, String start, String duration, String seed) {
    return run(SimulatorMain.commandLine(), "simulate", "--output", file.toString(), "--users", "25", "--start", start,
        "--duration", duration, "--seed", seed);
  }

  private int demo(String... args) {
    return run(DemoMain.commandLine(), args);
  }

  private int run(CommandLine cl, String... args) {
    return cli.run(cl, args);
  }
}
