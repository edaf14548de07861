package io.userflow.local.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.local.testing.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./userflow bronze} without a broker, and its help; LocalUseIT runs it against a running one. */
class LocalBronzeTest {
  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @Test
  void withoutAnAddressOrARunningBrokerItSaysHowToStartOne() {
    assertThat(cli.run(LocalBronze.commandLine(), "--local-dir", dir.toString(), "--master", "local[1]")).isEqualTo(2);
    assertThat(cli.err()).startsWith("error: no --bootstrap-servers given and no broker running under ")
        .contains("./userflow broker start").hasLineCount(1);
  }

  @Test
  void helpIsTheBronzeJobsHelp() {
    assertThat(cli.run(LocalBronze.commandLine(), "--local-dir", dir.toString(), "--help")).isZero();
    assertThat(cli.out()).contains("Usage: bronze", "--bootstrap-servers", "--checkpoint", "--trigger");
  }
}
