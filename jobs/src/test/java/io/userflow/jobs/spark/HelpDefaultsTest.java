package io.userflow.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.jobs.broker.BrokerMain;
import io.userflow.jobs.bronze.BronzeJob;
import io.userflow.jobs.demo.DemoMain;
import io.userflow.jobs.demo.ShowMain;
import io.userflow.jobs.gold.GoldJob;
import io.userflow.jobs.maintenance.MaintenanceJob;
import io.userflow.jobs.silver.SilverJob;
import io.userflow.jobs.simulator.SimulatorMain;
import io.userflow.jobs.status.StatusMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} of every command and subcommand the userflow script runs lists each option's default. */
class HelpDefaultsTest {

  @Test
  void everyOptionWithADefaultShowsItInHelp() {
    List<CommandLine> commands = new ArrayList<>();
    for (CommandLine top : List.of(DemoMain.commandLine(), ShowMain.commandLine(), StatusMain.commandLine(),
        BrokerMain.commandLine(), SimulatorMain.commandLine(), BronzeJob.commandLine(),
        SilverJob.commandLine(), GoldJob.commandLine(), MaintenanceJob.commandLine())) {
      commands.add(top);
      commands.addAll(top.getSubcommands().values());
    }
    int checked = 0;
    for (CommandLine cl : commands) {
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out, true));
      String name = cl.getCommandSpec().qualifiedName();
      assertThat(cl.execute("--help")).as(name).isZero();
      for (OptionSpec o : cl.getCommandSpec().options()) {
        if (o.defaultValue() != null && !o.usageHelp() && !o.versionHelp()) {
          assertThat(out.toString()).as(name + " " + o.longestName()).contains("Default: " + o.defaultValue());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
  }
}
