package io.userflow.local.broker;

import io.userflow.devkit.broker.BackgroundBroker;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.BackgroundBroker.State;
import io.userflow.devkit.broker.BackgroundBroker.Status;
import io.userflow.process.ChildProcesses;
import io.userflow.jobs.spark.CommandLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./userflow broker start|stop|status}: the demo's single-node KRaft broker, left running in the background
 * for replay, bronze and the other single stages, which find its address under the local dir.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Run the local Kafka broker in the background (its own JVM; data under --local-dir/broker).")
public final class BrokerMain implements Runnable {
  /** Exit code of {@code status} when no broker runs (as LSB init scripts do). */
  public static final int NOT_RUNNING = 3;

  @Spec CommandSpec spec;

  @Option(names = "--local-dir", defaultValue = ".userflow", scope = ScopeType.INHERIT,
      description = "Local root; the broker's data, log, pid file and address file go to its broker/ folder")
  Path localDir;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: start, stop or status");
  }

  @Command(name = "start", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Start the broker unless it runs already; print its bootstrap servers and write them to broker/bootstrap-servers.")
  int start(@Option(names = "--topic", defaultValue = BackgroundBroker.DEFAULT_TOPIC, description = "Topic to create") String topic,
      @Option(names = "--partitions", defaultValue = "" + BackgroundBroker.DEFAULT_PARTITIONS, description = "Partitions of --topic") int partitions) {
    BackgroundBroker broker = new BackgroundBroker(localDir);
    State before = broker.state();
    if (before.status() == Status.RUNNING) {
      out().println("broker already running: pid " + before.pid() + ", bootstrap servers " + before.bootstrapServers());
      return 0;
    }
    if (before.status() == Status.STALE) {
      out().println(stale(before, broker));
    }
    State s = broker.start(ChildProcesses.libDir(LocalBroker.LIB_PROPERTY, "broker"), topic, partitions);
    out().println("broker started: pid " + s.pid() + ", bootstrap servers " + s.bootstrapServers());
    out().println("  topic " + topic + " (" + partitions + " partitions); data and broker.log in " + broker.dir());
    out().println("  address in " + broker.addressFile() + ": replay and bronze use it when --bootstrap-servers is left out");
    return 0;
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Stop the broker that start started (its pid is checked against its command line first).")
  int stop() {
    BackgroundBroker broker = new BackgroundBroker(localDir);
    State before = broker.stop();
    out().println(describe(before, broker, "broker stopped: pid " + before.pid() + " (data kept in " + broker.dir() + ")"));
    return 0;
  }

  @Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Say whether the broker runs, and where; exit 0 if it does, 3 if not.")
  int status() {
    BackgroundBroker broker = new BackgroundBroker(localDir);
    State s = broker.clean();
    out().println(describe(s, broker, "broker running: pid " + s.pid() + ", bootstrap servers " + s.bootstrapServers()));
    return s.status() == Status.RUNNING ? 0 : NOT_RUNNING;
  }

  /** {@code running} for a running broker, else what was found: a stale pid file (now removed) or none. */
  private static String describe(State s, BackgroundBroker broker, String running) {
    return switch (s.status()) {
      case RUNNING -> running;
      case STALE -> stale(s, broker);
      case NOT_RUNNING -> "broker not running (no pid file in " + broker.dir() + ")";
    };
  }

  private static String stale(State s, BackgroundBroker broker) {
    return "broker not running: removed the stale pid file " + broker.pidFile() + " (pid " + s.pid()
        + " is not a broker started here; it was killed or its pid reused)";
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
  public static CommandLine commandLine() {
    return CommandLines.withErrorLine(new BrokerMain());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
