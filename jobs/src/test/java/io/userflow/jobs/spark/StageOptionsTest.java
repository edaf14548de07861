package io.userflow.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.silver.SilverJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad options fail before any Spark work, with a message that says what to change. */
class StageOptionsTest {
  private static String[] run(Object job, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(job);
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void unknownOptionIsAnError() {
    String[] out = run(new SilverJob(), "--sesion-gap-minutes", "10");
    assertThat(out[0]).isEqualTo("2");
    assertThat(out[1]).contains("Unknown option", "--sesion-gap-minutes");
  }

  @Test
  void halfADateRangeIsAnError() {
    String[] out = run(new GoldJob(), "--from-date", "2026-11-01");
    assertThat(out[0]).isEqualTo("1");
    assertThat(out[1]).contains("--from-date and --to-date go together");
  }

  @Test
  void badIdentifiersAndModesAreRejected() {
    assertThat(run(new GoldJob(), "--silver-table", "x; drop table y")[1]).contains("silver must match");
    assertThat(run(new SilverJob(), "--mode", "SOMETIMES")[0]).isEqualTo("2");
    assertThat(run(new SilverJob(), "--reject-ratio-threshold", "7")[1]).contains("--reject-ratio-threshold in [0,1]");
  }

  @Test
  void eventRulesOutsideWhatSilverCanStoreAreUsageErrors() {
    String[] price = run(new SilverJob(), "--max-price", "1e20");
    assertThat(price[0]).isEqualTo("2");
    assertThat(price[1]).contains("price limit must lie in [0, 99999999999999.9999]");
    assertThat(run(new SilverJob(), "--event-time-floor", "1500-01-01T00:00:00Z")[1]).contains("is before 1900-01-01");
    assertThat(run(new SilverJob(), "--max-quantity", "0")[1]).contains("quantity limit must lie in [1, 1000000]");
    assertThat(run(new SilverJob(), "--max-event-age-days", "-1")[1]).contains("--max-event-age-days must be >= 0");
  }

  @Test
  void theRulesAPipelineSetsReachTheValidator() {
    SilverJob job = new SilverJob();
    new CommandLine(job).parseArgs("--max-event-age-days", "0", "--max-price", "25000.50", "--event-time-floor",
        "2015-01-01T00:00:00Z", "--max-quantity", "7");
    io.userflow.jobs.silver.EventLimits limits = job.limits();
    assertThat(limits.maxEventAge()).isNull();
    assertThat(limits.maxPrice()).isEqualByComparingTo("25000.50");
    assertThat(limits.eventTimeFloor()).isEqualTo(java.time.Instant.parse("2015-01-01T00:00:00Z"));
    assertThat(limits.maxQuantity()).isEqualTo(7);
    assertThat(limits.maxRecordBytes()).isEqualTo(io.userflow.jobs.silver.EventLimits.defaults().maxRecordBytes());
  }
}
