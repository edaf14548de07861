package io.userflow.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What NodeIT's steps read of the SparkApplications the spark-operator runs, through kubectl: their state, their
 * pods, and the controller's log with the application and its pods for a failure's message.
 *
 * @param controllerLog the spark-operator controller's log file
 */
record SparkApplications(Kubectl kubectl, Path controllerLog) {
  static final List<String> FINAL_STATES = List.of("COMPLETED", "FAILED", "SUBMISSION_FAILED");

  /** {@code .status.applicationState.state}; empty before the controller has seen the application. */
  String state(String namespace, String name) {
    return kubectl.run("get", "sparkapplication", name, "-n", namespace, "-o",
        "jsonpath={.status.applicationState.state}").out().strip();
  }

  /** Polls the state until it is final (COMPLETED, FAILED, SUBMISSION_FAILED). */
  String awaitFinalState(String namespace, String name, Duration timeout) throws InterruptedException {
    return awaitState(namespace, name, FINAL_STATES, timeout);
  }

  /** Polls the state until it is one of {@code wanted}; returns it, or "still … after …". */
  String awaitState(String namespace, String name, List<String> wanted, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String state = "";
    while (Instant.now().isBefore(deadline)) {
      state = state(namespace, name);
      if (wanted.contains(state)) {
        return state;
      }
      Thread.sleep(2000);
    }
    return "still " + state + " after " + timeout;
  }

  /** The names of the pods in {@code namespace} that {@code selector} selects, e.g. {@code pod/x-driver}. */
  List<String> pods(String namespace, String selector) {
    return kubectl.ok("get", "pods", "-n", namespace, "-l", selector, "-o", "name").lines().toList();
  }

  /** For an assertion's message: the controller's log file, the driver's log, the application and the pods. */
  String why(String namespace, String name, String driverLog) {
    return "controller log " + controllerLog + "\ndriver log:\n" + driverLog + "\n"
        + kubectl.run("get", "sparkapplication", name, "-n", namespace, "-o", "yaml").out() + "\n"
        + kubectl.run("get", "pods", "-n", namespace, "-o", "wide").out();
  }
}
