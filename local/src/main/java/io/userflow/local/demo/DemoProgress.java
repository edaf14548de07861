package io.userflow.local.demo;

import java.time.Duration;
import java.time.Instant;

/** Progress lines for a long local run: step numbers and elapsed time on stderr, so stdout keeps the report. */
final class DemoProgress {
  private final Instant start = Instant.now();

  void step(int n, int of, String what) {
    System.err.printf("%n[%d/%d %s] %s%n", n, of, elapsed(), what);
  }

  void note(String what) {
    System.err.printf("        %s%n", what);
  }

  private String elapsed() {
    Duration d = Duration.between(start, Instant.now());
    return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
