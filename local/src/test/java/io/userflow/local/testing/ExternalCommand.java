package io.userflow.local.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program outside the JVM a test runs (a browser, a Python reader): its stderr kept in a log, its stdout returned. */
public final class ExternalCommand {
  private ExternalCommand() {}

  /** The program did not end within its time; it and its children were killed. */
  public static final class Overrun extends AssertionError {
    Overrun(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code command}; returns its stdout, or fails with the end of {@code log} when it fails, or with
   * {@link Overrun} when it has not ended within {@code timeout}. Stdout goes to a file beside the log, so a program
   * that hangs (or a child of it that keeps the pipe open) cannot block the test past its timeout.
   */
  public static String run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Path stdout = log.resolveSibling(log.getFileName() + ".stdout");
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new Overrun(String.join(" ", command) + " did not end within " + timeout + " and was killed; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + Files.readString(log));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
