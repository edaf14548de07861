package io.userflow.jobs.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall time per phase of a stage run, printed as one progress line on stderr (stdout carries the result). Spark is
 * lazy, so a phase ends where an action forces its work.
 */
public final class Phases {
  private final String stage;
  private final long start = System.nanoTime();
  private long last = start;
  private final List<String> done = new ArrayList<>();

  public Phases(String stage) {
    this.stage = stage;
  }

  /** Ends the current phase under {@code name}. */
  public void end(String name) {
    long now = System.nanoTime();
    done.add(name + " " + (now - last) / 1_000_000 + " ms");
    last = now;
  }

  /** Prints {@code <stage> <what>: <total> ms: <phase> <ms>, ...}. */
  public void print(String what) {
    System.err.printf("%s %s: %d ms: %s%n", stage, what, (System.nanoTime() - start) / 1_000_000, String.join(", ", done));
  }
}
