package io.userflow.operator.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.controlplane.ControlPlane;
import io.userflow.controlplane.ControlPlaneBinaries;
import io.userflow.controlplane.Kubectl;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.KafkaEventSender;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.PipelinePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./userflow cluster-demo}: the operator as a user meets it, on the real control plane on this machine. Starts
 * etcd, kube-apiserver and kube-controller-manager, {@code helm install}s helm/userflow, runs the packaged operator
 * on the chart's ServiceAccount token and the spark-operator stand-in (no kubelet here: it runs each driver as a
 * local JVM), applies examples/ with kubectl and shows {@code kubectl get}, {@code describe} and {@code wait} as the
 * runs progress. {@code --keep} leaves it all running and prints the KUBECONFIG line to use.
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
    RealCluster.installOnce(cp);
    String ns = RealCluster.NAMESPACE;
    KubernetesClient client = RealCluster.adminClient(cp);
    LocalStack stack = LocalStack.start(cp, client, ns, Files.createDirectories(dir.resolve("work-"
        + Instant.now().toEpochMilli())), Map.of("USERFLOW_OPERATOR_PIPELINE_RESYNC", "5s"));
    try {
      FeaturePipeline fp = stack.examplePipeline();
      fp.getSpec().streaming.triggerInterval = "2s";
      fp.getSpec().batch.rejectRatioThreshold = 0.5;
      show("kubectl apply -f examples/featurepipeline.yaml   (pointed at this machine's broker and S3)",
          kubectl.apply(Serialization.asYaml(fp)).out());
      ClusterView view = new ClusterView(client, kubectl, ns, fp.getMetadata().getName(), dir);
      view.awaitPipeline(s -> s.phase == PipelinePhase.Running, Duration.ofMinutes(2));
      show("kubectl get fp", view.kubectl("get", "fp"));

      Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(7).withUsers(users));
      try (KafkaEventSender sender = new KafkaEventSender(stack.broker.bootstrapServers())) {
        sender.send(LocalStack.TOPIC, sim.records());
      }
      Progress.say("sent %d simulated events to %s; waiting for Bronze", sim.size(), LocalStack.TOPIC);
      view.awaitPipeline(s -> s.layers != null && s.layers.bronze != null && s.layers.bronze.currentSnapshotId != null
          && s.silverLagSnapshots != null && s.silverLagSnapshots > 0, Duration.ofMinutes(3));
      show("kubectl get fp", view.kubectl("get", "fp"));

      String rp = "clicks-nightly";
      show("kubectl apply -f examples/reprocess-incremental.yaml",
          kubectl.ok("apply", "-f", BuildOutputs.repoRoot().resolve("examples/reprocess-incremental.yaml").toString()));
      String last = "";
      Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
      while (Instant.now().isBefore(deadline)) {
        String now = view.kubectl("get", "rp", rp);
        String phase = now.lines().skip(1).findFirst().orElse("");
        if (!Objects.equals(phase.replaceAll("\\s+\\S+$", ""), last)) {
          show("kubectl get rp " + rp, now);
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
      if (keep) {
        System.out.println();
        System.out.println("Kept running. In another shell:");
        System.out.println("  export KUBECONFIG=" + cp.kubeconfig());
        System.out.println("  " + cp.binaries().command("kubectl") + " get fp,rp -n " + ns);
        System.out.println("Stop with Ctrl-C.");
        new CountDownLatch(1).await();
      }
    } finally {
      stack.close();
      client.close();
      cp.close();
      Progress.say("stopped the operator, the stand-in, the broker, the S3 API and the control plane");
    }
  }

  private static void show(String command, String output) {
    System.out.println();
    System.out.println("$ " + command);
    System.out.print(output.endsWith("\n") ? output : output + "\n");
  }
}
