package io.userflow.operator.e2e;

import io.userflow.process.ChildProcesses;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.userflow.operator.spark.AppState;
import io.userflow.operator.spark.ApplicationState;
import io.userflow.operator.spark.DriverInfo;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays the Kubeflow spark-operator on the real API server (there is no kubelet to run its pods): each new SparkApplication's driver runs as a local JVM
 * ({@link DriverCommand}), and its status moves the way the real controller writes it
 * (kubeflow/spark-operator internal/controller/sparkapplication/controller.go):
 * <ul>
 *   <li>new → SUBMITTED: submissionAttempts + 1, executionAttempts + 1, lastSubmissionAttemptTime, driver pod name;
 *   <li>→ RUNNING with a sparkApplicationId once the driver runs;
 *   <li>driver exit 0 → SUCCEEDING → COMPLETED; exit N → FAILING with "driver container failed with ExitCode: N,
 *       Reason: Error" → FAILED (restartPolicy Never), both with terminationTime.
 * </ul>
 * A streaming application keeps RUNNING until its SparkApplication is deleted; then the driver is stopped.
 * Not played: restarts (OnFailure, Always), resubmission on a spec change, TTL deletion, executor pods.
 */
final class FakeSparkOperator implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final String jobsClasspath;
  private final List<String> driverJvmOptions;
  private final Path logDir;
  private final Map<String, Process> drivers = new ConcurrentHashMap<>();
  private final Map<String, Integer> launches = new ConcurrentHashMap<>();
  private final java.util.Set<String> launchedUids = ConcurrentHashMap.newKeySet();
  /** Applications deleted, by uid: one deleted while its driver starts is stopped once the driver is known. */
  private final java.util.Set<String> deletedUids = ConcurrentHashMap.newKeySet();
  private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-spark-operator");
    t.setDaemon(true);
    return t;
  });
  private SharedIndexInformer<SparkApplication> informer;

  FakeSparkOperator(KubernetesClient client, String namespace, String jobsClasspath, List<String> driverJvmOptions,
      Path logDir) {
    this.client = client;
    this.namespace = namespace;
    this.jobsClasspath = jobsClasspath;
    this.driverJvmOptions = driverJvmOptions;
    this.logDir = logDir;
  }

  void start() throws IOException {
    Files.createDirectories(logDir);
    informer = client.resources(SparkApplication.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(SparkApplication app) {
        // one launch per object: a re-created application of the same name (a resumed pipeline) runs again
        if (isNew(app) && launchedUids.add(app.getMetadata().getUid())) {
          launches.merge(app.getMetadata().getName(), 1, Integer::sum);
          waiters.submit(() -> run(app));
        }
      }

      @Override
      public void onUpdate(SparkApplication before, SparkApplication app) {
        // specs do not change in this test; a real spark-operator would resubmit
      }

      @Override
      public void onDelete(SparkApplication app, boolean finalStateUnknown) {
        deletedUids.add(app.getMetadata().getUid());
        stop(app.getMetadata().getName());
      }
    });
  }

  /** Driver launches per SparkApplication name: each application object is run once, never twice. */
  Map<String, Integer> launches() {
    return new TreeMap<>(launches);
  }

  Path log(String application) {
    return logDir.resolve(application + ".log");
  }

  boolean isRunning(String application) {
    Process p = drivers.get(application);
    return p != null && p.isAlive();
  }

  private static boolean isNew(SparkApplication app) {
    return app.getStatus() == null || app.getStatus().applicationState == null
        || app.getStatus().applicationState.state == null;
  }

  private void run(SparkApplication app) {
    String name = app.getMetadata().getName();
    try {
      DriverCommand command = DriverCommand.of(app, jobsClasspath, driverJvmOptions, this::secretValue);
      status(name, s -> {
        s.submissionAttempts = (s.submissionAttempts == null ? 0 : s.submissionAttempts) + 1;
        s.executionAttempts = (s.executionAttempts == null ? 0 : s.executionAttempts) + 1;
        s.lastSubmissionAttemptTime = Instant.now().toString();
        s.driverInfo = new DriverInfo();
        s.driverInfo.podName = name + "-driver";
        s.applicationState = ApplicationState.of(AppState.SUBMITTED, null);
      });
      ProcessBuilder builder = new ProcessBuilder(command.command()).redirectErrorStream(true)
          .redirectOutput(log(name).toFile());
      builder.environment().putAll(command.env());
      long t0 = System.nanoTime();
      if (deletedUids.contains(app.getMetadata().getUid())) {
        return; // deleted before its driver started (the operator re-applied it while its owner was deleted)
      }
      Process driver = builder.start();
      drivers.put(name, driver);
      if (deletedUids.contains(app.getMetadata().getUid())) {
        stop(name); // the delete came while the driver started: it found no driver to stop
        return;
      }
      status(name, s -> {
        s.sparkApplicationId = "spark-" + UUID.randomUUID().toString().replace("-", "");
        s.applicationState = ApplicationState.of(AppState.RUNNING, null);
      });
      Progress.say("spark-operator: %s RUNNING (%s)", name, app.getSpec().mainClass);
      int exit = driver.waitFor();
      if (drivers.remove(name) == null) {
        return; // deleted: the driver was stopped on purpose, and the resource is gone
      }
      Progress.say("spark-operator: %s driver exited %d after %.1f s", name, exit, (System.nanoTime() - t0) / 1e9);
      finish(name, exit);
    } catch (IOException | RuntimeException e) {
      Progress.say("spark-operator: %s could not be submitted: %s", name, e.getMessage());
      status(name, s -> s.applicationState = ApplicationState.of(AppState.SUBMISSION_FAILED, e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish(String name, int exit) {
    String terminated = Instant.now().toString();
    if (exit == 0) {
      status(name, s -> {
        s.terminationTime = terminated;
        s.applicationState = ApplicationState.of(AppState.SUCCEEDING, null);
      });
      status(name, s -> s.applicationState = ApplicationState.of(AppState.COMPLETED, null));
    } else {
      String error = "driver container failed with ExitCode: " + exit + ", Reason: Error";
      status(name, s -> {
        s.terminationTime = terminated;
        s.applicationState = ApplicationState.of(AppState.FAILING, error);
      });
      status(name, s -> s.applicationState = ApplicationState.of(AppState.FAILED, error));
    }
  }

  private void status(String name, Consumer<SparkApplicationStatus> change) {
    try {
      client.resources(SparkApplication.class).inNamespace(namespace).withName(name).editStatus(app -> {
        if (app.getStatus() == null) {
          app.setStatus(new SparkApplicationStatus());
        }
        change.accept(app.getStatus());
        return app;
      });
    } catch (KubernetesClientException e) {
      Progress.say("spark-operator: cannot update the status of %s: %s", name, e.getMessage());
    }
  }

  private String secretValue(String secretName, String key) {
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  /** Stops a driver like a deleted driver pod: SIGTERM, then SIGKILL after a grace period. */
  private void stop(String name) {
    Process driver = drivers.remove(name);
    if (driver == null || !driver.isAlive()) {
      return;
    }
    Progress.say("spark-operator: stopping the driver of %s", name);
    ChildProcesses.stop(driver);
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    List.copyOf(drivers.keySet()).forEach(this::stop);
    waiters.shutdownNow();
  }
}
