package io.userflow.controlplane;

import io.userflow.process.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One worker node for a {@link ControlPlane}: containerd (Debian's 1.6, runc) with its root, state, socket and CNI
 * configuration in a folder of ours, a bridge network (Debian's CNI plugins), the kubelet on it, kube-scheduler and
 * CoreDNS (the cluster DNS, a host process on the bridge's address), all with the control plane's admin kubeconfig. Pods run for real, from images imported from cluster/images.sh's
 * OCI archives (nothing is pulled). Pods reach the API server as {@code https://kubernetes.default.svc} (a DNAT rule
 * in place of kube-proxy) with their ServiceAccount's token and CA (a second kube-controller-manager publishes
 * kube-root-ca.crt and keeps EndpointSlices, which CoreDNS answers Services from): what Spark's driver pod needs to
 * make executor pods, and its executors to reach it. Needs root. {@link #close()} ends every process, then undoes what they changed
 * on the host ({@link NodeHost}); {@link #hostLeftovers()} says what is still there.
 */
public final class Node extends ServerFolder {
  /** Debian packages the node runs; the message of a missing one names them. */
  static final String PACKAGES = "containerd runc containernetworking-plugins iptables";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  /** The controllers the node's own kube-controller-manager runs beside the control plane's {@link ControlPlane#CONTROLLERS}. */
  static final List<String> POD_CONTROLLERS = List.of("root-ca-certificate-publisher-controller",
      "endpoints-controller", "endpointslice-controller", "deployment-controller", "replicaset-controller");
  /** Our nat chain: the kubernetes Service's address to the API server (a KUBE- name: removed with the kubelet's). */
  static final String APISERVER_CHAIN = "KUBE-USERFLOW-APISERVER";

  private final ControlPlane cp;
  private final NodeImages images;
  private final NodeFiles files;
  private final String name;
  private NodeHost host;

  private Node(ControlPlane cp, NodeImages images, Path dir, NodeFiles files, String name) {
    super(dir);
    this.cp = cp;
    this.images = images;
    this.files = files;
    this.name = name;
  }

  /**
   * Starts containerd, imports the images, starts the kubelet and the scheduler, and returns once the node is
   * Ready. The folder is {@code base/n<pid>-<seconds>}: short, because containerd's and the kubelet's sockets live in it.
   */
  public static Node start(ControlPlane cp, NodeImages images, Path base) {
    requireHost();
    try {
      Files.createDirectories(base);
      StaleNodes.reap(base);
      Path dir = owned(Files.createDirectories(base.resolve("n" + ProcessHandle.current().pid() + "-"
          + Instant.now().getEpochSecond()).toAbsolutePath()));
      String cgroupRoot = NodeHost.cgroupRootBelowOurs("userflow-node-" + ProcessHandle.current().pid());
      NodeFiles files = new NodeFiles(dir, cgroupRoot, images.reference("pause"), ChildProcesses.freePort(), ChildProcesses.freePort(),
          ChildProcesses.freePort());
      Node node = new Node(cp, images, dir, files, Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()
          .toLowerCase(java.util.Locale.ROOT));
      node.boot(node::bootNode);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireHost() {
    unavailable().ifPresent(why -> {
      throw new IllegalStateException(why);
    });
  }

  /** Why this host cannot run a node (not root, a Debian package missing), or empty when it can. */
  public static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("a node needs root (containerd, the kubelet, mounts, cgroups)");
    }
    for (Path p : List.of(Path.of("/usr/bin/containerd"), Path.of("/usr/bin/ctr"), Path.of("/usr/sbin/runc"),
        Path.of("/usr/lib/cni/bridge"), Path.of("/usr/sbin/iptables"))) {
      if (!Files.isExecutable(p)) {
        return Optional.of(p + " is missing: apt-get install -y " + PACKAGES);
      }
    }
    return Optional.empty();
  }

  private void bootNode() throws IOException {
    long t0 = System.nanoTime();
    host = NodeHost.prepare(dir, files.cgroupRoot());
    Files.writeString(dir.resolve("cgroup-root"), files.cgroupRoot());
    Files.createDirectories(files.cniConfDir());
    Files.writeString(dir.resolve("containerd.toml"), files.containerdConfig());
    Files.writeString(files.cniConfDir().resolve("10-userflow.conflist"), files.cniConfig());
    Files.writeString(dir.resolve("kubelet.yaml"), files.kubeletConfig());

    ControlPlane.say("starting containerd (%s)", files.containerdSocket());
    start("containerd", List.of("/usr/bin/containerd", "--config", dir.resolve("containerd.toml").toString()));
    awaitTrue("containerd answers", () -> Files.exists(files.containerdSocket()) && ctr("version").ok());
    for (String image : images.names()) {
      importArchive(images.reference(image), images.archive(image));
    }
    Path kubeconfig = cp.kubeconfig();
    ControlPlane.say("images imported in %.1f s", (System.nanoTime() - t0) / 1e9);
    // The bridge before its first pod, so that CoreDNS can listen on its address; the bridge plugin takes it as is.
    NodeHost.run("ip", "link", "add", NodeFiles.BRIDGE, "type", "bridge");
    NodeHost.run("ip", "addr", "add", NodeFiles.BRIDGE_ADDRESS + "/24", "dev", NodeFiles.BRIDGE);
    NodeHost.run("ip", "link", "set", NodeFiles.BRIDGE, "up");
    Files.writeString(dir.resolve("Corefile"), files.corefile(kubeconfig));
    start("coredns", List.of(cp.binaries().command("coredns").toString(), "-conf", dir.resolve("Corefile").toString()));
    ControlPlane.say("images imported; starting the kubelet (node %s), kube-scheduler and CoreDNS on %s", name,
        NodeFiles.BRIDGE_ADDRESS);
    start("kubelet", List.of(cp.binaries().command("kubelet").toString(), "--config=" + dir.resolve("kubelet.yaml"),
        "--kubeconfig=" + kubeconfig, "--root-dir=" + files.kubeletRoot(), "--v=1"));
    routeKubernetesServiceToTheApiServer();
    // What pods with a ServiceAccount token and a Service in front of them need, and the control plane alone does
    // not run: the kube-root-ca.crt ConfigMap in each namespace (projected token volumes mount it), the
    // EndpointSlices CoreDNS answers a Service's name from (Spark's executors reach the driver by its Service), and
    // the Deployment and ReplicaSet controllers that turn a Deployment (the operator's, from its chart) into a pod.
    start("kube-controller-manager-node", List.of(cp.binaries().command("kube-controller-manager").toString(),
        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1",
        "--secure-port=" + ChildProcesses.freePort(), "--cert-dir=" + dir.resolve("controller-manager-certs"),
        "--leader-elect=false", "--controllers=" + String.join(",", POD_CONTROLLERS),
        "--root-ca-file=" + cp.servingCertificate(), "--use-service-account-credentials=false", "--v=0"));
    start("kube-scheduler", List.of(cp.binaries().command("kube-scheduler").toString(), "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig, "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=127.0.0.1", "--secure-port=" + ChildProcesses.freePort(), "--leader-elect=false", "--v=0",
        "--cert-dir=" + dir.resolve("scheduler-certs")));    // also names our folder, for the stale-node reaper
    awaitTrue("CoreDNS ready (its kubernetes plugin synced)", () -> httpOk("http://127.0.0.1:" + files.dnsReadyPort()
        + "/ready"));
    awaitTrue("node " + name + " Ready", () -> "True".equals(cp.kubectl().run("get", "node", name, "-o",
        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out().strip()));
    // The kubelet registers with this taint; the node lifecycle controller, which this control plane does not run,
    // would lift it once the node is Ready.
    cp.kubectl().run("taint", "node", name, "node.kubernetes.io/not-ready-");
    ControlPlane.say("node %s ready in %.1f s (folder %s)", name, (System.nanoTime() - t0) / 1e9, dir);
  }

  /**
   * The {@code kubernetes} Service's address (what a pod's in-cluster client dials: {@code kubernetes.default.svc}
   * resolves to it through CoreDNS) sent to the API server on 127.0.0.1, as kube-proxy would send it to the
   * Service's endpoint: a DNAT rule in a KUBE- chain of ours (removed on close with the others) and
   * {@code route_localnet} on our bridge (gone with the bridge). The API server's self-made certificate names that
   * address and {@code kubernetes.default.svc}, so a pod's client verifies it with its ServiceAccount's ca.crt.
   */
  private void routeKubernetesServiceToTheApiServer() throws IOException {
    String serviceIp = cp.kubectl().ok("get", "service", "kubernetes", "-n", "default", "-o",
        "jsonpath={.spec.clusterIP}").strip();
    int apiPort = java.net.URI.create(cp.server()).getPort();
    Files.writeString(Path.of("/proc/sys/net/ipv4/conf/" + NodeFiles.BRIDGE + "/route_localnet"), "1");
    NodeHost.run("iptables", "-t", "nat", "-N", APISERVER_CHAIN);
    NodeHost.run("iptables", "-t", "nat", "-A", APISERVER_CHAIN, "-s", NodeFiles.POD_SUBNET, "-d", serviceIp,
        "-p", "tcp", "--dport", "443", "-j", "DNAT", "--to-destination", "127.0.0.1:" + apiPort);
    NodeHost.run("iptables", "-t", "nat", "-A", "PREROUTING", "-m", "comment", "--comment",
        "userflow node: the kubernetes Service to the API server", "-j", APISERVER_CHAIN);
    ControlPlane.say("pods reach the API server as https://kubernetes.default.svc (%s:443 -> 127.0.0.1:%d)",
        serviceIp, apiPort);
  }

  /**
   * The host's address on the node's bridge, the pods' gateway: the one address of the host a pod reaches (the
   * kubelet's KUBE-FIREWALL chain drops pod traffic to 127.0.0.0/8), where CoreDNS listens and a host process that
   * pods use, such as a Kafka broker, must listen too. It exists from the node's start to its close.
   */
  public String bridgeAddress() {
    return NodeFiles.BRIDGE_ADDRESS;
  }

  /** The Node object's name: this host's name, as the kubelet registers it. */
  public String name() {
    return name;
  }

  /** The reference of an image of cluster/images.sh, imported on this node (use {@code imagePullPolicy: Never}). */
  public String image(String imageName) {
    return images.reference(imageName);
  }

  /**
   * Imports one more OCI archive into the node's containerd as {@code reference} (a {@link DockerfileImage}'s, say),
   * as the node's start imports images.sh's; pods use it with {@code imagePullPolicy: Never}.
   */
  public void importImage(String reference, Path archive) {
    long t0 = System.nanoTime();
    importArchive(reference, archive);
    ControlPlane.say("%s imported in %.1f s", reference, (System.nanoTime() - t0) / 1e9);
  }

  /** {@code ctr image import --base-name}: the archive's one tag names it; the reference must be listed after. */
  private void importArchive(String ref, Path archive) {
    CommandResult r = ctr("-n", "k8s.io", "image", "import", "--base-name", NodeImages.repository(ref),
        archive.toString());
    if (!r.ok() || !ctr("-n", "k8s.io", "image", "ls", "-q").out().lines().anyMatch(ref::equals)) {
      throw new IllegalStateException("ctr image import of " + archive + " did not give " + ref + ": " + r.out());
    }
  }

  /** The host's Spark home of the distribution in the {@code spark} image (spark-submit against this cluster). */
  public Path sparkHome() {
    return images.sparkHome();
  }

  /** The node's folder: the logs of containerd, the kubelet and the scheduler are here. */
  public Path dir() {
    return dir;
  }

  /** What this node left on the host (mounts, netns, bridge, iptables chains, cgroups, processes); empty is clean. */
  public List<String> hostLeftovers() {
    return host == null ? List.of() : host.leftovers();
  }

  record CommandResult(int exitCode, String out) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** ctr against our containerd. */
  CommandResult ctr(String... args) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/ctr", "--address", files.containerdSocket().toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new CommandResult(p.waitFor(), out);
    } catch (IOException e) {
      return new CommandResult(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitTrue(String what, java.util.function.BooleanSupplier check) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      checkAlive();
      if (check.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("not within " + READY_TIMEOUT + ": " + what + "; logs in " + dir);
  }

  static boolean httpOk(String url) {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stopping: pods' processes first (SIGKILL through their cgroups), then scheduler, kubelet, containerd (in reverse
   * start order), then whatever still names our folder (containerd's shims), then the host changes. The Node object
   * is deleted while the API server still runs, so a later node in the same control plane starts clean.
   */
  @Override
  void beforeStop() {
    if (anyStarted()) {
      cp.kubectl().run("delete", "node", name, "--wait=false");
    }
    if (host != null) {
      host.killPodProcesses();
    }
  }

  @Override
  void afterStop() {
    if (host != null) {
      host.killProcessesOfThisNode();
      host.undo();
      List<String> left = host.leftovers();
      if (left.isEmpty()) {
        NodeHost.deleteTree(dir.resolve("containerd"));           // image layers; the logs stay
        NodeHost.deleteTree(files.kubeletRoot());
      } else {
        ControlPlane.say("node %s left on the host: %s", name, left);
      }
    }
  }
}
