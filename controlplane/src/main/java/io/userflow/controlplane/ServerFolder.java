package io.userflow.controlplane;

import io.userflow.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers of one folder, a control plane's or a node's: started in order, each with its log and its pid file
 * ({@code <name>.log}, {@code <name>.pid}; {@link StaleControlPlanes} ends them after a SIGKILL of this JVM),
 * watched while waiting for readiness, and stopped in reverse order on {@link #close()} or when the JVM exits first.
 */
abstract class ServerFolder implements AutoCloseable {
  /** SIGTERM to SIGKILL for each server: etcd, the API server and the node's daemons stop within it when healthy. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  @FunctionalInterface
  interface Boot {
    void run() throws IOException;
  }

  final Path dir;
  private final List<ChildProcess> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, getClass().getSimpleName() + "-stop");
  private boolean stopped;

  ServerFolder(Path dir) {
    this.dir = dir;
  }

  /** Writes the owner's pid into a new folder: the JVM whose exit makes the folder's servers stale. */
  static Path owned(Path dir) throws IOException {
    Files.writeString(dir.resolve(StaleControlPlanes.OWNER), Long.toString(ProcessHandle.current().pid()));
    return dir;
  }

  /** Runs {@code boot} with the servers stopped if the JVM exits first; on a failure stops what started, rethrows. */
  final void boot(Boot boot) throws IOException {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      boot.run();
    } catch (RuntimeException | IOException e) {
      close();
      throw e;
    }
  }

  final void start(String name, List<String> command) throws IOException {
    start(name, new ProcessBuilder(command));
  }

  /** Starts a server from a builder that sets its environment; its output goes to {@code <name>.log}. */
  final synchronized void start(String name, ProcessBuilder builder) throws IOException {
    ChildProcess p = ChildProcess.start(name, builder, dir.resolve(name + ".log"), STOP_GRACE);
    processes.add(p);
    Files.writeString(dir.resolve(name + ".pid"), Long.toString(p.pid()));
  }

  final synchronized boolean anyStarted() {
    return !processes.isEmpty();
  }

  /** Fails with the end of its log when a server has exited. */
  final synchronized void checkAlive() {
    for (ChildProcess p : processes) {
      if (!p.isAlive()) {
        throw new IllegalStateException(p.name() + " exited; last lines of " + p.log() + ":\n" + p.tail(20));
      }
    }
  }

  /** Before the servers stop, while they still run (a node deletes its Node object and kills its pods). */
  void beforeStop() {}

  /** After the servers stopped (a node undoes what it changed on the host). */
  void afterStop() {}

  private synchronized void stopAll() {
    if (stopped) {
      return;
    }
    stopped = true;
    beforeStop();
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    processes.clear();
    afterStop();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running this
    }
  }
}
