package io.userflow.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.local.status.StatusMain;
import io.userflow.local.testing.CommandRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./userflow demo --catalog rest}: the demo's whole path (broker, Bronze, Silver, Gold per batch, rebuild,
 * comparison, report) on Iceberg's REST catalog server in its own JVM, which the demo starts and stops; then
 * {@code show} and {@code status} read the server's store as the JDBC catalog the demo names.
 */
class DemoRestCatalogIT {
  @TempDir Path dir;
  final CommandRun cli = new CommandRun();

  @Test
  void theDemoRunsOnTheRestCatalogAndItsStoreReadsAfterwards() {
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
  }

  @Test
  void anUnknownCatalogTypeIsRefusedBeforeAnythingStarts() {
    assertThat(cli.run(DemoMain.commandLine(), "--local-dir", dir.toString(), "--catalog", "hive")).isEqualTo(2);
    assertThat(cli.err()).contains("catalog type must be jdbc or rest");
  }
}
