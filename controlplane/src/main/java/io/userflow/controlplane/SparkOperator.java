package io.userflow.controlplane;

import io.userflow.process.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Kubeflow spark-operator's controller ({@code spark-operator controller start}, built by cluster/build.sh from
 * the release pinned in cluster/spark-operator-crd) as a host process beside a {@link Node}, with the flags its
 * chart's Deployment passes for the namespaces it watches. It authenticates with a kubeconfig the caller gives (a
 * ServiceAccount's, so the chart's RBAC is what it may do) and submits each SparkApplication by running
 * {@code $SPARK_HOME/bin/spark-submit}: here the host's copy of the distribution the {@code spark} image carries,
 * against the API server on 127.0.0.1 (what the operator reads from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT}
 * in a pod). The driver and executor pods are the node's. Beside it the same binary's webhook server
 * ({@code spark-operator webhook start}, with its own ServiceAccount's kubeconfig): it makes its CA and serving
 * certificate (for {@code localhost} and its Service's name) into a Secret and patches the CA into the chart's
 * webhook configurations, which here reach it as {@code https://localhost:<port>} ({@link #webhookUrl()}) since the
 * API server runs on this host; through it v2.4.0 applies what only the webhook applies to driver and executor pods
 * (security contexts, {@code spec.volumes}, tolerations, ...).
 *
 * <p>Its folder is inside the node's, and the command names it, so a node's close and {@link StaleNodes} end it
 * too. The controller writes each submission's pod templates to {@code /tmp/spark/<submission id>}; {@link
 * #close()} removes the ones written while it ran.
 */
public final class SparkOperator extends ServerFolder {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(1);
  /** Where v2.4.0's controller writes the driver and executor pod templates it hands to spark-submit (fixed). */
  static final Path SUBMISSION_FILES = Path.of("/tmp/spark");

  /** The chart's names (release {@code spark-operator}): webhook configurations, Secret, Service. */
  public static final String WEBHOOK_NAME = "spark-operator-webhook";
  static final String WEBHOOK_SECRET = "spark-operator-webhook-certs";
  static final String WEBHOOK_SERVICE = "spark-operator-webhook-svc";

  private final Set<Path> submissionFilesBefore;
  private final int webhookPort;

  private SparkOperator(Path dir, Set<Path> submissionFilesBefore, int webhookPort) {
    super(dir);
    this.submissionFilesBefore = submissionFilesBefore;
    this.webhookPort = webhookPort;
  }

  /**
   * Starts the webhook server and the controller for {@code namespaces}, each with its kubeconfig's identity, in
   * {@code releaseNamespace} (the webhook's Secret goes there), and returns once both answer their readiness probes.
   * The SparkApplication, ScheduledSparkApplication and SparkConnect CRDs must be established.
   */
  public static SparkOperator start(ControlPlane cp, Node node, Path controllerKubeconfig, Path webhookKubeconfig,
      String releaseNamespace, List<String> namespaces) {
    try {
      Path dir = owned(Files.createDirectories(node.dir().resolve("spark-operator")));
      Path controller = Files.copy(controllerKubeconfig, dir.resolve("kubeconfig-controller"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path webhook = Files.copy(webhookKubeconfig, dir.resolve("kubeconfig-webhook"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      SparkOperator operator = new SparkOperator(dir, submissionFiles(), ChildProcesses.freePort());
      operator.boot(() -> {
        operator.runWebhook(cp, webhook, releaseNamespace, namespaces);
        operator.run(cp, node, controller, namespaces);
      });
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the webhook configurations' {@code clientConfig.url} starts with (its certificate names localhost). */
  public String webhookUrl() {
    return "https://localhost:" + webhookPort;
  }

  private void runWebhook(ControlPlane cp, Path kubeconfig, String releaseNamespace, List<String> namespaces)
      throws IOException {
    long t0 = System.nanoTime();
    int probePort = ChildProcesses.freePort();
    ProcessBuilder pb = new ProcessBuilder(cp.binaries().command("spark-operator").toString(), "webhook", "start",
        "--kubeconfig=" + kubeconfig, "--namespaces=" + String.join(",", namespaces),
        "--webhook-port=" + webhookPort, "--webhook-cert-dir=" + dir.resolve("webhook-certs"),
        "--webhook-secret-name=" + WEBHOOK_SECRET, "--webhook-secret-namespace=" + releaseNamespace,
        "--webhook-svc-name=" + WEBHOOK_SERVICE, "--webhook-svc-namespace=" + releaseNamespace,
        "--mutating-webhook-name=" + WEBHOOK_NAME, "--validating-webhook-name=" + WEBHOOK_NAME,
        "--leader-election=false", "--enable-metrics=false", "--metrics-bind-address=0",
        "--health-probe-bind-address=127.0.0.1:" + probePort, "--zap-log-level=info");
    ControlPlane.say("starting the spark-operator webhook on %s", webhookUrl());
    start("spark-operator-webhook", pb);
    awaitReady("the spark-operator webhook", probePort);
    ControlPlane.say("spark-operator webhook ready in %.1f s", (System.nanoTime() - t0) / 1e9);
  }

  private void run(ControlPlane cp, Node node, Path kubeconfig, List<String> namespaces) throws IOException {
    long t0 = System.nanoTime();
    int probePort = ChildProcesses.freePort();
    ProcessBuilder pb = new ProcessBuilder(cp.binaries().command("spark-operator").toString(), "controller", "start",
        "--kubeconfig=" + kubeconfig, "--namespaces=" + String.join(",", namespaces), "--controller-threads=2",
        "--leader-election=false", "--enable-ui-service=false", "--enable-metrics=false",
        "--metrics-bind-address=0", "--health-probe-bind-address=127.0.0.1:" + probePort, "--zap-log-level=info");
    URI api = URI.create(cp.server());
    Map<String, String> env = pb.environment();
    env.put("KUBERNETES_SERVICE_HOST", api.getHost());
    env.put("KUBERNETES_SERVICE_PORT", Integer.toString(api.getPort()));
    env.put("KUBECONFIG", kubeconfig.toString());           // spark-submit's Kubernetes client: the same identity
    env.put("SPARK_HOME", node.sparkHome().toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    ControlPlane.say("starting the spark-operator controller for %s (SPARK_HOME %s)", namespaces, node.sparkHome());
    start("spark-operator", pb);
    awaitReady("the spark-operator controller", probePort);
    ControlPlane.say("spark-operator controller ready in %.1f s (log %s)", (System.nanoTime() - t0) / 1e9,
        dir.resolve("spark-operator.log"));
  }

  /** The controller's log: its reconciles and each spark-submit's arguments. */
  public Path log() {
    return dir.resolve("spark-operator.log");
  }

  /** The webhook server's log: certificates, configurations patched, each pod and application it mutated. */
  public Path webhookLog() {
    return dir.resolve("spark-operator-webhook.log");
  }

  private void awaitReady(String what, int probePort) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!Node.httpOk("http://127.0.0.1:" + probePort + "/readyz")) {
      checkAlive();
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(what + " not ready within " + READY_TIMEOUT + "; logs in " + dir);
      }
      sleep();
    }
  }

  @Override
  void afterStop() {
    submissionFilesLeft().forEach(NodeHost::deleteTree);
  }

  /** The folders of {@link #SUBMISSION_FILES} written since the controller started; none after {@link #close()}. */
  public List<Path> submissionFilesLeft() {
    return submissionFiles().stream().filter(p -> !submissionFilesBefore.contains(p)).sorted().toList();
  }

  private static Set<Path> submissionFiles() {
    if (!Files.isDirectory(SUBMISSION_FILES)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(SUBMISSION_FILES)) {
      return s.collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
