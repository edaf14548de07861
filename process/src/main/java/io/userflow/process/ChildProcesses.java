package io.userflow.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the local services in child JVMs (Kafka broker, object store) share: ports, readiness, logs, stopping. */
public final class ChildProcesses {
  /** How long a stopped child has between SIGTERM and SIGKILL unless its owner says otherwise. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private ChildProcesses() {}

  /**
   * The jars of a service module: system property {@code property}, else {@code <module>/target/lib} under the
   * current directory or one of its parents (so it works from the repository root and from a module folder).
   */
  public static Path libDir(String property, String module) {
    String configured = System.getProperty(property);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(module).resolve("target").resolve("lib");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of(module, "target", "lib");
  }

  /** Fails, saying how to build them, unless {@code libDir} holds a jar whose name starts with {@code jarPrefix}. */
  public static void requireLib(Path libDir, String jarPrefix, String what, String module, String property) {
    boolean found = false;
    if (Files.isDirectory(libDir)) {
      try (var files = Files.list(libDir)) {
        found = files.anyMatch(f -> f.getFileName().toString().startsWith(jarPrefix));
      } catch (IOException e) {
        found = false;
      }
    }
    if (!found) {
      throw new IllegalStateException("no " + what + " jars in " + libDir.toAbsolutePath() + "; build them with `mvn -pl "
          + module + " package` from the repository root (or set -D" + property + "=<dir>)");
    }
  }

  /** A port free on 127.0.0.1 right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Whether something accepts connections on 127.0.0.1:port. */
  public static boolean accepts(int port) {
    return accepts("127.0.0.1", port);
  }

  /** Whether something accepts connections on host:port. */
  public static boolean accepts(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails with the log's tail when the child has exited or the deadline ({@link System#nanoTime()}) has passed.
   *
   * @param what the service, for the message, e.g. "Kafka broker"
   */
  public static void checkRunning(Process child, String what, Path log, long deadlineNanos) {
    if (!child.isAlive()) {
      throw new IllegalStateException(what + " exited with code " + child.exitValue() + "; see " + log + ":\n"
          + tail(log));
    }
    if (System.nanoTime() > deadlineNanos) {
      throw new IllegalStateException(what + " not ready in time; see " + log + ":\n" + tail(log));
    }
  }

  /** The last 30 lines of a log file, or why there are none. */
  public static String tail(Path log) {
    return tail(log, 30);
  }

  /** The last {@code count} lines of a log file, or why there are none (a log read with bad UTF-8 is replaced). */
  public static String tail(Path log, int count) {
    try {
      List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM to the child and its descendants, then SIGKILL if it has not exited within {@link #STOP_GRACE}. */
  public static void stop(Process process) {
    stop(process, STOP_GRACE);
  }

  /** SIGTERM to the child and its descendants, then SIGKILL to all of them if it has not exited within {@code grace}. */
  public static void stop(Process process, Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
