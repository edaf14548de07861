package io.userflow.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The check that {@code --help} of a command and of each of its subcommands lists every option's default. */
public final class HelpDefaults {
  private HelpDefaults() {}

  /** Runs {@code --help} on each command and subcommand; returns how many defaults it found listed. */
  public static int assertListed(List<CommandLine> tops) {
    List<CommandLine> commands = new ArrayList<>();
    for (CommandLine top : tops) {
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
    return checked;
  }
}
