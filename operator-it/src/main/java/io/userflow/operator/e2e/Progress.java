package io.userflow.operator.e2e;

/** Progress lines on stderr with the seconds since the test started, so a slow step shows where it is slow. */
final class Progress {
  private static final long START = System.nanoTime();

  private Progress() {}

  static void say(String format, Object... args) {
    System.err.printf("[e2e %6.1fs] %s%n", seconds(), String.format(format, args));
  }

  static double seconds() {
    return (System.nanoTime() - START) / 1e9;
  }
}
