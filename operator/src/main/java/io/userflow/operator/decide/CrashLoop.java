package io.userflow.operator.decide;

import io.userflow.operator.spark.SparkApplication;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Bronze driver that keeps failing under {@code RestartPolicy: Always} (no limit) never reaches FAILED: the
 * spark-operator resubmits it and it shows RUNNING between crashes. Its restarts are counted from the
 * SparkApplication status (execution and submission attempts); past the pipeline's threshold it is a crash loop,
 * Degraded whatever the current state says. Pure.
 */
public final class CrashLoop {
  private CrashLoop() {}

  /** Driver restarts of the application: attempts beyond the first, by whichever count the spark-operator kept. */
  public static int restarts(SparkApplication app) {
    if (app == null || app.getStatus() == null) {
      return 0;
    }
    int execution = app.getStatus().executionAttempts == null ? 0 : app.getStatus().executionAttempts;
    int submission = app.getStatus().submissionAttempts == null ? 0 : app.getStatus().submissionAttempts;
    return Math.max(0, Math.max(execution, submission) - 1);
  }

  /** What the Degraded condition says of a crash loop, or null when the application is not in one. */
  public static String message(SparkApplication app, int threshold) {
    int restarts = restarts(app);
    if (restarts < threshold) {
      return null;
    }
    String error = lastErrorLine(app);
    return app.getMetadata().getName() + " restarted " + restarts + " times (spec.streaming.degradedAfterRestarts: "
        + threshold + "); " + (error == null ? "its status carries no driver error line."
        : "last driver error: " + error) + " Fix the cause; a resubmit (a spec change) or suspend and resume starts"
        + " the count again.";
  }

  /** The last line of the reported error that says {@code error:}, else its last non-blank line; null without one. */
  static String lastErrorLine(SparkApplication app) {
    String reported = app.getStatus() == null || app.getStatus().applicationState == null ? null
        : app.getStatus().applicationState.errorMessage;
    if (reported == null || reported.isBlank()) {
      return null;
    }
    List<String> lines = Arrays.stream(reported.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains("error:")).reduce((a, b) -> b)
        .orElse(lines.get(lines.size() - 1));
  }
}
