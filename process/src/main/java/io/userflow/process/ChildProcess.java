package io.userflow.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One local service or driver in a process of its own, its output appended to a log file: the one way the project
 * starts, watches and stops the children its tests and local commands run (Kafka broker, object store, Connect
 * worker, control plane servers, Trino, the operator, stand-in drivers). Closing it stops it and everything it
 * started ({@link ChildProcesses#stop}).
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final Duration grace;
  private Thread shutdownHook;

  private ChildProcess(String name, Process process, Path log, Duration grace) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.grace = grace;
  }

  /**
   * Starts {@code builder} with its output (stdout and stderr) appended to {@code log}.
   *
   * @param name the service, for messages, e.g. "Kafka broker"
   * @param grace how long a SIGTERM has before {@link #close()} sends SIGKILL
   */
  public static ChildProcess start(String name, ProcessBuilder builder, Path log, Duration grace) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildProcess(name, builder.start(), log, grace);
  }

  /** As {@link #start(String, ProcessBuilder, Path, Duration)} with a 20 s grace. */
  public static ChildProcess start(String name, ProcessBuilder builder, Path log) throws IOException {
    return start(name, builder, log, ChildProcesses.STOP_GRACE);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last {@code lines} lines of its log, for an error message that says why it stopped. */
  public String tail(int lines) {
    return ChildProcesses.tail(log, lines);
  }

  /** Fails with the log's tail when it has exited or the deadline ({@link System#nanoTime()}) has passed. */
  public void checkRunning(long deadlineNanos) {
    ChildProcesses.checkRunning(process, name, log, deadlineNanos);
  }

  /**
   * Waits until it accepts connections on 127.0.0.1:{@code port}; fails with the log's tail when it exits first or the
   * deadline ({@link System#nanoTime()}) passes.
   */
  public void awaitPort(int port, long deadlineNanos) throws InterruptedException {
    awaitPort("127.0.0.1", port, deadlineNanos);
  }

  /** As {@link #awaitPort(int, long)}, on {@code host}. */
  public void awaitPort(String host, int port, long deadlineNanos) throws InterruptedException {
    while (!ChildProcesses.accepts(host, port)) {
      checkRunning(deadlineNanos);
      Thread.sleep(100);
    }
  }

  /** Stops it also when this JVM exits without closing it (a test JVM killed, Ctrl-C); returns this. */
  public synchronized ChildProcess stopOnExit() {
    if (shutdownHook == null) {
      shutdownHook = new Thread(() -> ChildProcesses.stop(process, grace), "stop-" + name.replace(' ', '-'));
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return this;
  }

  /** SIGTERM to it and its descendants, SIGKILL after the grace period. */
  @Override
  public synchronized void close() {
    ChildProcesses.stop(process, grace);
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: nothing left to remove
      }
      shutdownHook = null;
    }
  }
}
