package io.userflow.local.simulator;

import io.userflow.jobs.spark.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command-line entry point of the event simulator: {@code simulate} and {@code replay}. Unknown options are
 * usage errors (exit 2); a failure while running prints one {@code error:} line (exit 1).
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, showDefaultValues = true,
    subcommands = {SimulateCommand.class, ReplayCommand.class},
    description = "User-behaviour event simulator (contract: docs/EVENTS.md).")
public final class SimulatorMain implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: simulate or replay");
  }

  /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new SimulatorMain());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
