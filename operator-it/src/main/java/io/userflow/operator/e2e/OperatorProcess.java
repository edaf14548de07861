package io.userflow.operator.e2e;

import io.userflow.process.ChildProcess;
import io.userflow.process.ChildProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator (operator/target/quarkus-app) as its own process, configured the way the chart's Deployment
 * configures the container (the same QUARKUS_* variables), authenticated with a token of the chart's ServiceAccount
 * through a kubeconfig: the RBAC the real API server enforces is the chart's. Can be killed with SIGKILL and
 * started again, as a crashed pod would be.
 */
final class OperatorProcess implements AutoCloseable {
  private final Path kubeconfig;
  private final String namespace;
  private final Map<String, String> settings;
  private final Path logDir;
  private ChildProcess process;
  private int port;
  private int starts;

  OperatorProcess(Path kubeconfig, String namespace, Map<String, String> settings, Path logDir) {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.settings = settings;
    this.logDir = logDir;
  }

  /** Starts it and waits until {@code /q/health/ready} answers UP (its controllers watch and the CRDs were checked). */
  void start() throws IOException {
    Files.createDirectories(logDir);
    starts++;
    port = ChildProcesses.freePort();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", BuildOutputs.operatorJar().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    // what helm/userflow/templates/deployment.yaml sets
    env.put("QUARKUS_OPERATOR_SDK_NAMESPACES", namespace);
    env.put("QUARKUS_OPERATOR_SDK_CRD_APPLY", "false");
    env.put("USERFLOW_OPERATOR_POD_NAMESPACE", namespace);
    env.put("USERFLOW_OPERATOR_POD_NAME", identity());
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.putAll(settings);
    process = ChildProcess.start("the operator", pb, log());
    Progress.say("operator process %d started (start %d), log %s", process.pid(), starts, log());
    awaitReady();
  }

  /** Its name in the leader-election Lease, as a pod's name would be. */
  String identity() {
    return "userflow-operator-local-" + starts;
  }

  Path log() {
    return logDir.resolve("operator-" + starts + ".log");
  }

  /** SIGKILL, as the kubelet does to a pod past its grace period or the kernel to an OOM-killed one. */
  void kill() throws InterruptedException {
    Progress.say("kill -9 %d (the operator)", process.pid());
    process.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.process().exitValue() + "; see " + log());
      }
      try {
        HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the operator was not ready within 2 min; see " + log());
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
