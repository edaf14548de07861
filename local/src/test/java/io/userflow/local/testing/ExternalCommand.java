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

  /** Runs {@code command}; returns its stdout, or fails with the end of {@code log} when it fails or overruns. */
  public static String run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + "; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + Files.readString(log));
    }
    return stdout;
  }
}
