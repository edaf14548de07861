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
}
