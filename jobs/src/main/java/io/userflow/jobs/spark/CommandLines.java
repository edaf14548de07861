package io.userflow.jobs.spark;

import picocli.CommandLine;

/** picocli command lines of the jobs' mains. */
public final class CommandLines {
  private CommandLines() {}

  /** A command line on which a failure while running prints one {@code error:} line and exits 1. */
  public static CommandLine withErrorLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("error: " + ex.getMessage());
      return 1;
    });
    return cl;
  }
}
