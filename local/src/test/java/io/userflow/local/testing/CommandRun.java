package io.userflow.local.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command line as the userflow script would, capturing what it prints on out and err for one run. */
public final class CommandRun {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Executes {@code args} on {@code cl}; {@link #out()} and {@link #err()} then hold only this run's output. */
  public int run(CommandLine cl, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  public String out() {
    return out.toString();
  }

  public String err() {
    return err.toString();
  }
}
