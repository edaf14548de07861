package io.userflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a node changes on the host outside its folder, and the undoing of it: the pods' cgroup (made in every v1
 * controller before the kubelet starts), the CNI bridge and veths, containerd's network-namespace bind mounts in
 * /run/netns and its overlay mounts, the kubelet's /var/log/containers links, libcni's result cache and any
 * iptables chain named KUBE-* or CNI-* that was not there before. {@link #leftovers()} lists what is still there.
 */
final class NodeHost {
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
  private static final Path NETNS = Path.of("/run/netns");
  private static final Path CONTAINER_LOGS = Path.of("/var/log/containers");
  private static final Path CNI_RESULTS = Path.of("/var/lib/cni/results");
  /**
   * Folders the kubelet, containerd (its shims' sockets and runc's state are at fixed paths) or libcni make when
   * missing; removed again, deepest first, when they made them and they are empty.
   */
  private static final List<Path> HOST_FOLDERS = List.of(NETNS, CONTAINER_LOGS, Path.of("/var/log/pods"),
      CNI_RESULTS, CNI_RESULTS.getParent(), Path.of("/run/containerd/runc/k8s.io"), Path.of("/run/containerd/runc"),
      Path.of("/run/containerd/s"), Path.of("/run/containerd"));

  private final Path dir;
  private final String cgroupRoot;
  private final Set<String> chainsBefore;
  private final Set<String> netnsBefore;
  private final List<Path> foldersBefore;
  private final List<Path> cgroupsMade = new ArrayList<>();

  private NodeHost(Path dir, String cgroupRoot, Set<String> chainsBefore, Set<String> netnsBefore,
      List<Path> foldersBefore) {
    this.foldersBefore = foldersBefore;
    this.dir = dir;
    this.cgroupRoot = cgroupRoot;
    this.chainsBefore = chainsBefore;
    this.netnsBefore = netnsBefore;
  }

  /** Notes what is there already, then makes {@code cgroupRoot} in every v1 controller. */
  static NodeHost prepare(Path dir, String cgroupRoot) {
    NodeHost host = new NodeHost(dir, cgroupRoot, NodeIptables.chains(), Set.copyOf(list(NETNS)),
        HOST_FOLDERS.stream().filter(Files::isDirectory).toList());
    host.makeCgroups();
    return host;
  }

  /**
   * The host changes of a node whose JVM was killed (no shutdown hook ran): its folder's cgroup-root file names its
   * cgroup; every cni-* network namespace and new KUBE-/CNI- chain counts as its own, there being one node per
   * machine (the bridge name and the node name, the host's, are fixed). The host folders it may have made are left
   * to {@link #removeEmptyHostFolders()}.
   */
  static NodeHost stale(Path dir) {
    try {
      String cgroupRoot = Files.readString(dir.resolve("cgroup-root")).strip();
      Set<String> chains = NodeIptables.chains();
      chains.removeIf(NodeIptables::ours);
      Set<String> netns = new TreeSet<>(list(NETNS));
      netns.removeIf(n -> n.startsWith("cni-"));
      return new NodeHost(dir, cgroupRoot, chains, netns, HOST_FOLDERS.stream().filter(Files::isDirectory).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** With no node running: the host folders a node may have made, where empty. */
  static void removeEmptyHostFolders() {
    HOST_FOLDERS.stream().filter(f -> Files.isDirectory(f) && list(f).isEmpty()).forEach(NodeHost::deleteIfExists);
  }

  /** A cgroup below the one this JVM's memory is accounted to, so pods count against our own limit. */
  static String cgroupRootBelowOurs(String leaf) {
    try {
      String memory = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
          .filter(l -> l.split(":", 3)[1].equals("memory")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no v1 memory cgroup in /proc/self/cgroup: the node's "
              + "kubelet settings are for a cgroup-v1 host")).split(":", 3)[2];
      return (memory.equals("/") ? "" : memory) + "/" + leaf;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void makeCgroups() {
    for (Path controller : v1Controllers()) {
      Path at = controller;
      for (String part : cgroupRoot.substring(1).split("/")) {
        Path parent = at;
        at = at.resolve(part);
        if (Files.isDirectory(at)) {
          continue;
        }
        try {
          Files.createDirectory(at);
          cgroupsMade.add(at);
          if (Files.exists(at.resolve("cpuset.cpus"))) {    // an empty cpuset takes no process
            Files.writeString(at.resolve("cpuset.cpus"), Files.readString(parent.resolve("cpuset.cpus")).strip());
            Files.writeString(at.resolve("cpuset.mems"), Files.readString(parent.resolve("cpuset.mems")).strip());
          }
        } catch (IOException e) {
          throw new IllegalStateException("cannot make cgroup " + at + " for the kubelet's cgroupRoot: " + e, e);
        }
      }
    }
  }

  /** SIGKILL to every process in the pods' cgroups: the containers, whatever the kubelet and containerd did. */
  void killPodProcesses() {
    Set<Long> pids = new TreeSet<>();
    for (Path controller : hierarchies()) {
      for (Path cgroup : subtree(controller.resolve(cgroupRoot.substring(1)))) {
        try {
          Files.readAllLines(cgroup.resolve("cgroup.procs")).forEach(p -> pids.add(Long.parseLong(p.strip())));
        } catch (IOException | NumberFormatException e) {
          // gone meanwhile
        }
      }
    }
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** SIGKILL to every process whose command line names our folder: containerd's shims outlive containerd. */
  void killProcessesOfThisNode() {
    ProcessHandle.allProcesses().filter(h -> h.pid() != ProcessHandle.current().pid())
        .filter(h -> h.info().arguments().map(List::of).orElse(List.of()).stream()
            .anyMatch(a -> a.contains(dir.toString())))
        .forEach(h -> {
          h.destroyForcibly();
          h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> h).join();
        });
  }

  /** Undoes everything after the node's processes are gone; each step goes on when one before it failed. */
  void undo() {
    for (Path m : ourMounts()) {
      run("umount", "-l", m.toString());
    }
    for (String ns : newNetns()) {
      deleteIfExists(NETNS.resolve(ns));
    }
    if (Files.isDirectory(Path.of("/sys/class/net", NodeFiles.BRIDGE))) {
      for (String veth : list(Path.of("/sys/class/net", NodeFiles.BRIDGE, "brif"))) {
        run("ip", "link", "delete", veth);
      }
      run("ip", "link", "delete", NodeFiles.BRIDGE);
    }
    NodeIptables.removeAddedSince(chainsBefore);
    for (Path link : containerLogLinks()) {
      deleteIfExists(link);
    }
    list(CNI_RESULTS).stream().filter(f -> f.startsWith(NodeFiles.NETWORK + "-"))
        .forEach(f -> deleteIfExists(CNI_RESULTS.resolve(f)));
    HOST_FOLDERS.stream().filter(f -> !foldersBefore.contains(f) && list(f).isEmpty())
        .forEach(NodeHost::deleteIfExists);
    for (Path controller : hierarchies()) {
      subtree(controller.resolve(cgroupRoot.substring(1))).stream()
          .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(NodeHost::deleteIfExists);
    }
    for (int i = cgroupsMade.size() - 1; i >= 0; i--) {
      deleteIfExists(cgroupsMade.get(i));                  // fails, and stays, where another node still is
    }
  }

  /** What of this node is still on the host, one line each; empty once {@link #undo()} did its work. */
  List<String> leftovers() {
    List<String> left = new ArrayList<>();
    ourMounts().forEach(m -> left.add("mount " + m));
    newNetns().forEach(n -> left.add("netns " + NETNS.resolve(n)));
    if (Files.exists(Path.of("/sys/class/net", NodeFiles.BRIDGE))) {
      left.add("bridge " + NodeFiles.BRIDGE);
    }
    NodeIptables.addedSince(chainsBefore).forEach(c -> left.add("iptables chain " + c));
    containerLogLinks().forEach(l -> left.add("link " + l));
    HOST_FOLDERS.stream().filter(f -> !foldersBefore.contains(f) && Files.exists(f))
        .forEach(f -> left.add("folder " + f));
    for (Path controller : hierarchies()) {
      if (Files.exists(controller.resolve(cgroupRoot.substring(1)))) {
        left.add("cgroup " + controller.resolve(cgroupRoot.substring(1)));
      }
    }
    ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(List::of).orElse(List.of()).stream()
        .anyMatch(a -> a.contains(dir.toString()))).forEach(h -> left.add("process " + h.pid() + " "
        + h.info().command().orElse("?")));
    return left;
  }

  private List<Path> ourMounts() {
    List<Path> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        Path point = Path.of(unescape(line.split(" ")[4]));
        if (point.startsWith(dir) || point.startsWith(NETNS) && !netnsBefore.contains(point.getFileName()
            .toString()) && !point.equals(NETNS)) {
          mounts.add(point);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mounts.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return mounts;
  }

  private List<String> newNetns() {
    return list(NETNS).stream().filter(n -> !netnsBefore.contains(n)).toList();
  }

  private List<Path> containerLogLinks() {
    return list(CONTAINER_LOGS).stream().map(CONTAINER_LOGS::resolve).filter(Files::isSymbolicLink).filter(l -> {
      try {
        return Files.readSymbolicLink(l).startsWith(dir);
      } catch (IOException e) {
        return false;
      }
    }).toList();
  }

  /** The mount points of the v1 hierarchies (cpu, memory, …, name=systemd). */
  private static List<Path> v1Controllers() {
    return cgroupMounts(" - cgroup ");
  }

  /** The v1 hierarchies and the v2 one of a hybrid host: runc makes the pods' cgroups in that one too. */
  private static List<Path> hierarchies() {
    List<Path> all = new ArrayList<>(v1Controllers());
    all.addAll(cgroupMounts(" - cgroup2 "));
    return all;
  }

  private static List<Path> cgroupMounts(String fsType) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .filter(l -> l.contains(fsType)).map(l -> Path.of(unescape(l.split(" ")[4])))
          .filter(p -> p.startsWith(CGROUPS)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> subtree(Path top) {
    if (!Files.isDirectory(top)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(top)) {
      return s.filter(Files::isDirectory).toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(top);
    }
  }

  private static List<String> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Deletes a folder and all in it; a failure is logged. */
  static void deleteTree(Path top) {
    if (!Files.exists(top)) {
      return;
    }
    try (var s = Files.walk(top)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      ControlPlane.say("could not remove %s: %s", top, e);
    }
  }

  private static void deleteIfExists(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      ControlPlane.say("could not remove %s: %s", p, e);
    }
  }

  private static String unescape(String mountinfoField) {
    return mountinfoField.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
        .replace("\\134", "\\");
  }

  /** Runs a host command and returns its output; a failure is logged, not thrown (the clean-up goes on). */
  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        ControlPlane.say("%s exited %d: %s", String.join(" ", command), p.exitValue(), out.strip());
      }
      return out;
    } catch (IOException e) {
      ControlPlane.say("%s: %s", String.join(" ", command), e);
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
