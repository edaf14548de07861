package io.userflow.jobs.spark;

import io.userflow.core.contract.JobExit;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** picocli command lines of the jobs' mains. */
public final class CommandLines {
  private CommandLines() {}

  /**
   * A command line on which every failure prints one {@code error:} line: a bad option exits 2, a failure while
   * running exits 1. One line, because the operator and the logs of a Spark driver show it as the reason.
   */
  public static CommandLine withErrorLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.getCommandSpec().exitCodeOnInvalidInput(JobExit.USAGE);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println("error: " + oneLine(ex) + " (see " + cmd.getCommandName() + " --help)");
      cmd.getErr().flush();
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("error: " + oneLine(ex));
      cmd.getErr().flush();
      return JobExit.FAILED;
    });
    return cl;
  }

  /** Reads option values; an {@link IllegalArgumentException} on the way is a usage error (exit 2), not a crash. */
  public static <T> T options(CommandSpec spec, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
