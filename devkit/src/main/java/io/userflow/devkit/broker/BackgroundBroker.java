package io.userflow.devkit.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The broker {@code ./userflow broker start} leaves running: data, log, pid file and address file under
 * {@code <local-dir>/broker}. A pid counts as this broker only while that process's command line runs
 * {@code kafka.Kafka} on this directory's server.properties, so a pid the system has reused is never signalled.
 */
public final class BackgroundBroker {
  /** Topic the demo, replay and bronze use when none is given. */
  public static final String DEFAULT_TOPIC = "user-events";
  public static final int DEFAULT_PARTITIONS = 2;
  private static final String MAIN_CLASS = "kafka.Kafka";

  private final Path dir;

  public BackgroundBroker(Path localDir) {
    this.dir = localDir.toAbsolutePath().resolve("broker");
  }

  /** Running, not running, or a pid file whose process is gone or is something else. */
  public enum Status { RUNNING, NOT_RUNNING, STALE }

  /**
   * What the pid file says, checked against the process table.
   *
   * @param status running, not running or stale
   * @param pid the pid in the pid file, null when there is none
   * @param bootstrapServers the address, null unless running
   */
  public record State(Status status, Long pid, String bootstrapServers) {}

  public Path dir() {
    return dir;
  }

  public Path pidFile() {
    return dir.resolve("broker.pid");
  }

  public Path addressFile() {
    return dir.resolve("bootstrap-servers");
  }

  public State state() {
    Long pid = read(pidFile()).map(String::trim).map(BackgroundBroker::parsePid).orElse(null);
    if (pid == null) {
      return new State(Status.NOT_RUNNING, null, null);
    }
    if (pid <= 0 || !isThisBroker(pid)) {
      return new State(Status.STALE, pid, null);
    }
    return new State(Status.RUNNING, pid, read(addressFile()).map(String::trim).orElse(null));
  }

  /** Removes a stale pid file and address file; returns the state found before. */
  public State clean() {
    State s = state();
    if (s.status() == Status.STALE) {
      deleteFiles();
    }
    return s;
  }

  /**
   * Starts the broker unless it runs already, and creates {@code topic}. Returns the state after; a broker that was
   * already running is returned as it is, so the caller can say so.
   */
  public State start(Path libDir, String topic, int partitions) {
    State before = clean();
    if (before.status() == Status.RUNNING) {
      return before;
    }
    LocalBroker broker = LocalBroker.startDetached(dir, libDir);
    try {
      broker.createTopic(topic, partitions);
      write(addressFile(), broker.bootstrapServers());
      write(pidFile(), Long.toString(broker.pid()));
      broker.detach();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return new State(Status.RUNNING, broker.pid(), broker.bootstrapServers());
  }

  /** SIGTERM to the broker (SIGKILL after 30 s), then removes the pid and address files; returns the state before. */
  public State stop() {
    State before = clean();
    if (before.status() == Status.RUNNING) {
      ProcessHandle.of(before.pid()).ifPresent(h -> {
        h.destroy();
        try {
          h.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          h.destroyForcibly();
        }
      });
      deleteFiles();
    }
    return before;
  }

  /**
   * The Kafka address a command uses: {@code explicit} when given, else the running background broker's. Without
   * either it fails, saying how to start one.
   */
  public static String bootstrapServers(String explicit, Path localDir) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    BackgroundBroker broker = new BackgroundBroker(localDir);
    State s = broker.state();
    if (s.status() == Status.RUNNING && s.bootstrapServers() != null) {
      return s.bootstrapServers();
    }
    throw new IllegalArgumentException("no --bootstrap-servers given and no broker running under " + broker.dir()
        + (s.status() == Status.STALE ? " (its pid file names pid " + s.pid() + ", which is not that broker)" : "")
        + "; start one with ./userflow broker start");
  }

  private boolean isThisBroker(long pid) {
    String props = dir.resolve("server.properties").toString();
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> arguments(h))
        .map(args -> args.contains(MAIN_CLASS) && args.contains(props)).orElse(false);
  }

  /** The process's arguments: from ProcessHandle, or /proc where the JDK reports none. */
  private static List<String> arguments(ProcessHandle h) {
    Optional<String[]> args = h.info().arguments();
    if (args.isPresent()) {
      return List.of(args.get());
    }
    try {
      return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")),
          StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  private void deleteFiles() {
    try {
      Files.deleteIfExists(pidFile());
      Files.deleteIfExists(addressFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the broker's pid file in " + dir, e);
    }
  }

  private static Long parsePid(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0L;
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
