package io.userflow.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.maintenance.MaintenanceJob;
import io.userflow.jobs.silver.SilverJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The stage mains: a bad option or a failed run prints one {@code error:} line that says what to change. */
class StageOptionsTest {
  @TempDir Path dir;

  /** Exit code and what the job printed on its error stream. */
  private record Run(int exit, String err) {
    String errorLine() {
      assertThat(err.lines().toList()).as("error stream").singleElement().asString().startsWith("error: ");
      return err.strip();
    }
  }

  private static Run run(CommandLine job, String... args) {
    StringWriter err = new StringWriter();
    job.setErr(new PrintWriter(err, true));
    return new Run(job.execute(args), err.toString());
  }

  @Test
  void unknownOptionIsAnError() {
    Run out = run(SilverJob.commandLine(), "--sesion-gap-minutes", "10");
    assertThat(out.exit()).isEqualTo(2);
    assertThat(out.errorLine()).contains("Unknown option", "--sesion-gap-minutes", "silver --help");
  }

  @Test
  void halfADateRangeIsAnError() {
    Run out = run(GoldJob.commandLine(), "--from-date", "2026-11-01");
    assertThat(out.exit()).isEqualTo(2);
    assertThat(out.errorLine()).contains("--from-date and --to-date go together");
  }

  @Test
  void badIdentifiersAndModesAreRejected() {
    assertThat(run(GoldJob.commandLine(), "--silver-table", "x; drop table y").errorLine()).contains("silver must match");
    assertThat(run(SilverJob.commandLine(), "--mode", "SOMETIMES").exit()).isEqualTo(2);
    assertThat(run(SilverJob.commandLine(), "--reject-ratio-threshold", "7").errorLine())
        .contains("--reject-ratio-threshold in [0,1]");
  }

  @Test
  void aMissingSourceTableSaysWhichStageToRunFirst() {
    Run out = run(GoldJob.commandLine(), "--master", "local[1]", "--local-dir", dir.toString(), "--namespace", "empty");
    assertThat(out.exit()).isEqualTo(1);
    assertThat(out.errorLine()).isEqualTo("error: Table userflow.empty.silver_events does not exist. "
        + "Run the Silver stage first: it creates and publishes the table.");
  }

  @Test
  void eventRulesOutsideWhatSilverCanStoreAreUsageErrors() {
    Run price = run(SilverJob.commandLine(), "--max-price", "1e20");
    assertThat(price.exit()).isEqualTo(2);
    assertThat(price.errorLine()).contains("price limit must lie in [0, 99999999999999.9999]");
    assertThat(run(SilverJob.commandLine(), "--event-time-floor", "1500-01-01T00:00:00Z").errorLine())
        .contains("is before 1900-01-01");
    assertThat(run(SilverJob.commandLine(), "--max-quantity", "0").errorLine()).contains("quantity limit must lie in [1, 1000000]");
    assertThat(run(SilverJob.commandLine(), "--max-event-age-days", "-1").errorLine())
        .contains("--max-event-age-days must be >= 0");
    Run skew = run(SilverJob.commandLine(), "--max-future-skew-minutes", "-1");
    assertThat(skew.exit()).isEqualTo(2);
    assertThat(skew.errorLine()).contains("the future skew must not be negative");
  }

  @Test
  void theRulesAPipelineSetsReachTheValidator() {
    CommandLine cli = SilverJob.commandLine();
    cli.parseArgs("--max-event-age-days", "0", "--max-price", "25000.50", "--event-time-floor",
        "2015-01-01T00:00:00Z", "--max-quantity", "7");
    SilverJob job = cli.getCommand();
    io.userflow.jobs.silver.EventLimits limits = job.limits();
    assertThat(limits.maxEventAge()).isNull();
    assertThat(limits.maxPrice()).isEqualByComparingTo("25000.50");
    assertThat(limits.eventTimeFloor()).isEqualTo(java.time.Instant.parse("2015-01-01T00:00:00Z"));
    assertThat(limits.maxQuantity()).isEqualTo(7);
    assertThat(limits.maxRecordBytes()).isEqualTo(io.userflow.jobs.silver.EventLimits.defaults().maxRecordBytes());
  }

  @Test
  void maintenanceRejectsPlanOptionsAndImpossibleSettingsUpFront() {
    Run mode = run(MaintenanceJob.commandLine(), "--mode", "FULL");
    assertThat(mode.exit()).isEqualTo(2);
    assertThat(mode.errorLine()).contains("Unknown option", "--mode", "maintain --help");
    Run keep = run(MaintenanceJob.commandLine(), "--retain-last", "0");
    assertThat(keep.exit()).isEqualTo(2);
    assertThat(keep.errorLine()).contains("retain-last must be at least 1");
  }
}
