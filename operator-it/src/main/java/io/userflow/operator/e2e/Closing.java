package io.userflow.operator.e2e;

/** Stopping what a test or a stack started: every one in order, skipping nulls, one failure not stopping the rest. */
final class Closing {
  private Closing() {}

  static void closeAll(AutoCloseable... closeables) {
    for (AutoCloseable c : closeables) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        Progress.say("while stopping %s: %s", c.getClass().getSimpleName(), e);
      }
    }
  }
}
