package io.userflow.bench;

import java.time.Duration;
import java.time.Instant;

/** Timestamped progress lines on stderr, so a long benchmark shows where it is. */
public final class Progress {
  private final Instant start = Instant.now();

  public void say(String line) {
    Duration d = Duration.between(start, Instant.now());
    System.err.printf("[%3d:%02d] %s%n", d.toMinutes(), d.toSecondsPart(), line);
  }
}
