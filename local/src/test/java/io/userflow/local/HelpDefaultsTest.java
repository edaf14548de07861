package io.userflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.testing.HelpDefaults;
import io.userflow.local.broker.BrokerMain;
import io.userflow.local.demo.DemoMain;
import io.userflow.local.demo.ShowMain;
import io.userflow.local.simulator.SimulatorMain;
import io.userflow.local.status.StatusMain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} of every local command and subcommand the userflow script runs lists each option's default. */
class HelpDefaultsTest {

  @Test
  void everyOptionWithADefaultShowsItInHelp() {
    assertThat(HelpDefaults.assertListed(List.of(DemoMain.commandLine(), ShowMain.commandLine(),
        StatusMain.commandLine(), BrokerMain.commandLine(), SimulatorMain.commandLine()))).isGreaterThan(20);
  }
}
