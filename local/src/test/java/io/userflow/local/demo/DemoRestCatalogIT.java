package io.userflow.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.JobOptions;
import io.userflow.devkit.restcatalog.LocalRestCatalog;
import io.userflow.local.status.StatusMain;
import io.userflow.local.testing.ExternalCommand;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.userflow.local.testing.CommandRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./userflow demo --catalog rest}: the demo's whole path (broker, Bronze, Silver, Gold per batch, rebuild,
 * comparison, report) on Iceberg's REST catalog server in its own JVM, which the demo starts and stops; then
 * {@code show} and {@code status} read the server's store as the JDBC catalog the demo names, and, with the server
 * started again on that store, {@code show}, {@code status}, {@code maintain} and PyIceberg read it over REST.
 */
class DemoRestCatalogIT {
  @TempDir Path dir;
  final CommandRun cli = new CommandRun();

  @Test
  void theDemoRunsOnTheRestCatalogAndItsStoreReadsAfterwards() throws Exception {
    assertThat(cli.run(DemoMain.commandLine(), "--local-dir", dir.toString(), "--catalog", "rest", "--users", "25",
        "--days", "3", "--batches", "2")).as(cli.err()).isZero();
    Matcher store = Pattern.compile("--catalog-uri (\\S+) --warehouse (\\S+)").matcher(cli.out());
    assertThat(store.find()).as(cli.out()).isTrue();
    assertThat(store.group(1)).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("rest/catalog.db"));

    assertThat(cli.run(ShowMain.commandLine(), "--local-dir", dir.toString(), "--catalog-uri", store.group(1),
        "--warehouse", store.group(2), "--csv", "--sql",
        "SELECT count(*) AS n FROM userflow.events.silver_events")).as(cli.err()).isZero();
    assertThat(cli.out()).startsWith("n\n").doesNotContain("\n0\n");
    assertThat(cli.run(StatusMain.commandLine(), "--local-dir", dir.toString(), "--catalog-uri", store.group(1),
        "--warehouse", store.group(2))).as(cli.err()).isZero();
    assertThat(cli.out()).contains("silver_events", "Next:");
    assertThat(cli.run(ShowMain.commandLine(), "--local-dir", dir.toString(), "--catalog-uri", store.group(1),
        "--warehouse", store.group(2), "--csv", "--sql",
        "SELECT count(*) AS n FROM userflow.events.silver_events")).as(cli.err()).isZero();
    String silverRows = cli.out().lines().skip(1).findFirst().orElseThrow();

    // the same store behind the REST server again: show, status, maintain and PyIceberg go through REST, signing in
    // with the credential from their environment as a pod does
    try (LocalRestCatalog server = LocalRestCatalog.start(dir.resolve("rest"))) {
      String credential = LocalRestCatalog.CLIENT_ID + ":" + LocalRestCatalog.CLIENT_SECRET;
      List<String> rest = List.of("--catalog-type", "rest", "--catalog-uri", server.uri(), "--warehouse",
          server.warehouse());
      assertThat(javaMain(ShowMain.class, credential, rest, "--csv", "--sql",
          "SELECT count(*) AS n FROM userflow.events.silver_events")).isEqualTo("n\n" + silverRows + "\n");
      assertThat(javaMain(StatusMain.class, credential, rest)).contains("silver_events", "Next:");
      assertThat(javaMain(io.userflow.jobs.maintenance.MaintenanceJob.class, credential, rest, "--master", "local[2]"))
          .contains("\"table\"");
      Path py = dir.resolve("pyiceberg");
      String venv = ExternalCommand.run(List.of("bash", Path.of("..", "pyiceberg", "setup.sh").toString()),
          py.resolve("setup.log"), Duration.ofMinutes(15)).strip();
      String read = ExternalCommand.run(List.of("env", JobOptions.CATALOG_CREDENTIAL_ENV + "=" + credential,
          venv + "/bin/python", Path.of("..", "pyiceberg", "read_tables.py").toString(), "--name", "userflow",
          "--rest", server.uri(), "--warehouse", server.warehouse(), "--out", py.toString(), "events.silver_events"),
          py.resolve("read.log"), Duration.ofMinutes(5));
      assertThat(read).contains("\"rows\": " + silverRows + ",");
    }
  }

  /** Runs {@code main} in a JVM of its own (this test's class path) with the REST credential in its environment. */
  private String javaMain(Class<?> main, String credential, List<String> catalog, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("env", JobOptions.CATALOG_CREDENTIAL_ENV + "=" + credential,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), "--local-dir",
        dir.toString()));
    command.addAll(catalog);
    command.addAll(List.of(args));
    return ExternalCommand.run(command, dir.resolve(main.getSimpleName() + ".log"), Duration.ofMinutes(5));
  }

  @Test
  void anUnknownCatalogTypeIsRefusedBeforeAnythingStarts() {
    assertThat(cli.run(DemoMain.commandLine(), "--local-dir", dir.toString(), "--catalog", "hive")).isEqualTo(2);
    assertThat(cli.err()).contains("catalog type must be jdbc or rest");
  }
}
