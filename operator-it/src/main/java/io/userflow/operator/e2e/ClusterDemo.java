package io.userflow.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneBinaries;
import io.userflow.controlplane.Kubectl;
import io.userflow.controlplane.Node;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.status.PipelinePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./userflow cluster-demo}: the operator as a user meets it, on the real control plane on this machine. Starts
 * etcd, kube-apiserver and kube-controller-manager; where this host can run a node (root and its Debian packages:
 * {@link Node#unavailable()}) everything runs on real pods ({@link PodStack}: the chart's operator Deployment, the
 * real spark-operator, driver and executor pods of the jobs image), else {@code helm install}s helm/userflow, runs
 * the packaged operator on the chart's ServiceAccount token and the spark-operator stand-in (which runs each driver
 * as a local JVM), and says so. It applies examples/ with kubectl and shows {@code kubectl get}, {@code describe},
 * {@code wait} and, on real pods, {@code get pods} as the runs progress. {@code --keep} leaves it all running and
 * prints the KUBECONFIG line to use.
 */
public final class ClusterDemo {
  private ClusterDemo() {}

  public static void main(String[] args) {
    int exit = 0;
    try {
      run(args);
    } catch (Exception | AssertionError e) {
      System.err.println("cluster-demo: " + e.getMessage() + " (logs under " + BuildOutputs.target() + ")");
      exit = 1;
    }
    // client libraries (Kafka, fabric8) may leave non-daemon threads behind; everything they served is stopped
    System.exit(exit);
  }

  private static void run(String[] args) throws Exception {
    boolean keep = false;
    int users = 30;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--keep" -> keep = true;
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println("usage: ./userflow cluster-demo [--keep] [--users N]   (defaults: not kept, 30 users)");
          return;
        }
        default -> {
          throw new IllegalArgumentException("unknown option " + args[i] + "; see ./userflow cluster-demo --help");
        }
      }
    }
    Path dir = BuildOutputs.target().toAbsolutePath();
    Files.createDirectories(dir);
    ControlPlane cp = ControlPlane.start(ControlPlaneBinaries.build(BuildOutputs.repoRoot()), dir.resolve("cluster"));
    Kubectl kubectl = cp.kubectl();
    KubernetesClient client = RealCluster.adminClient(cp);
    Path work = Files.createDirectories(dir.resolve("work-" + Instant.now().toEpochMilli()));
    Optional<String> noPods = Node.unavailable();
    Stack stack = null;
    try {
      if (noPods.isEmpty()) {
        Progress.say("real pods: a one-node cluster here runs the operator's Deployment and the Spark pods");
        stack = pods(PodStack.start(cp, client, work, Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "5s")));
      } else {
        Progress.say("no real pods here (%s): the spark-operator stand-in runs each driver as a local JVM, "
            + "the operator runs as a host process", noPods.get());
        RealCluster.installOnce(cp);
        stack = standIn(LocalStack.start(cp, client, RealCluster.NAMESPACE, work,
            Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "5s")));
      }
      demo(kubectl, client, dir, stack, users, keep, cp);
    } finally {
      if (stack != null) {
        stack.closing().close();
      }
      client.close();
      cp.close();
      Progress.say("stopped everything it started");
    }
  }

  /** What the demo runs on: the example pipeline pointed at it, where to send events, how to list its pods. */
  private record Stack(String namespace, FeaturePipeline pipeline, String bootstrapServers, String topic,
      boolean pods, AutoCloseable closing) {}

  private static Stack pods(PodStack pods) throws Exception {
    return new Stack(PodStack.NAMESPACE, pods.pipeline("clicks"), pods.broker.bootstrapServers(), PodStack.TOPIC,
        true, pods);
  }

  private static Stack standIn(LocalStack local) throws Exception {
    FeaturePipeline fp = local.examplePipeline();
    fp.getSpec().streaming.triggerInterval = "2s";
    return new Stack(RealCluster.NAMESPACE, fp, local.broker.bootstrapServers(), LocalStack.TOPIC, false, local);
  }

  private static void demo(Kubectl kubectl, KubernetesClient client, Path dir, Stack stack, int users, boolean keep,
      ControlPlane cp) throws Exception {
    String ns = stack.namespace();
    FeaturePipeline fp = stack.pipeline();
    fp.getSpec().batch.rejectRatioThreshold = 0.5;
    show("kubectl apply -f examples/featurepipeline.yaml   (pointed at this machine's broker, catalog and S3)",
        kubectl.apply(Serialization.asYaml(fp)).out());
    ClusterView view = new ClusterView(client, kubectl, ns, fp.getMetadata().getName(), dir);
    view.awaitPipeline(s -> s.phase == PipelinePhase.Running, Duration.ofMinutes(2));
    show("kubectl get fp", view.kubectl("get", "fp"));

    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(7).withUsers(users));
    try (KafkaEventSender sender = new KafkaEventSender(stack.bootstrapServers())) {
      sender.send(stack.topic(), sim.records());
    }
    Progress.say("sent %d simulated events to %s; waiting for Bronze", sim.size(), stack.topic());
    view.awaitPipeline(s -> s.layers != null && s.layers.bronze != null && s.layers.bronze.currentSnapshotId != null
        && s.silverLagSnapshots != null && s.silverLagSnapshots > 0, Duration.ofMinutes(5));
    show("kubectl get fp", view.kubectl("get", "fp"));
    if (stack.pods()) {
      show("kubectl get pods -o wide   (the operator's Deployment, Bronze's driver and executor)",
          view.kubectl("get", "pods", "-o", "wide"));
    }

    Reprocess reprocess = BuildOutputs.example("reprocess-incremental.yaml", Reprocess.class);
    reprocess.getMetadata().setNamespace(ns);
    String rp = reprocess.getMetadata().getName();
    show("kubectl apply -f examples/reprocess-incremental.yaml", kubectl.apply(Serialization.asYaml(reprocess)).out());
    String last = "";
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      String now = view.kubectl("get", "rp", rp);
      String phase = now.lines().skip(1).findFirst().orElse("");
      if (!Objects.equals(phase.replaceAll("\\s+\\S+$", ""), last)) {
        show("kubectl get rp " + rp, now);
        if (stack.pods()) {
          show("kubectl get pods -l spark-role   (Spark's driver and executor pods)",
              view.kubectl("get", "pods", "-l", "spark-role", "-L", "spark-role"));
        }
        last = phase.replaceAll("\\s+\\S+$", "");
      }
      if (kubectl.run("wait", "-n", ns, "--for=condition=Succeeded", "rp/" + rp, "--timeout=3s").ok()
          || kubectl.run("wait", "-n", ns, "--for=condition=Failed", "rp/" + rp, "--timeout=1s").ok()) {
        break;
      }
    }
    Kubectl.Result done = kubectl.run("wait", "-n", ns, "--for=condition=Succeeded", "rp/" + rp, "--timeout=10s");
    show("kubectl wait --for=condition=Succeeded rp/" + rp + " --timeout=10m", done.out() + done.err());
    show("kubectl describe rp " + rp, view.kubectl("describe", "rp", rp));
    show("kubectl get userflow", view.kubectl("get", "userflow"));
    if (stack.pods()) {
      show("kubectl get pods -o wide", view.kubectl("get", "pods", "-o", "wide"));
    }
    if (keep) {
      System.out.println();
      System.out.println("Kept running. In another shell:");
      System.out.println("  export KUBECONFIG=" + cp.kubeconfig());
      System.out.println("  " + cp.binaries().command("kubectl") + " get fp,rp,pods -n " + ns);
      System.out.println("Stop with Ctrl-C.");
      new CountDownLatch(1).await();
    }
  }

  private static void show(String command, String output) {
    System.out.println();
    System.out.println("$ " + command);
    System.out.print(output.endsWith("\n") ? output : output + "\n");
  }
}
