package io.userflow.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM killed with SIGKILL runs no shutdown hook, so its node's containerd, shims, kubelet, scheduler, CoreDNS,
 * pods, mounts, bridge and cgroups would stay. Each node folder records its owner's pid ({@code owner.pid}) and its
 * cgroup ({@code cgroup-root}); the next {@link Node#start} cleans up after every folder whose owner is gone.
 */
final class StaleNodes {
  private StaleNodes() {}

  /**
   * Ends what a node whose JVM was killed left running, undoes its host changes and deletes its folder; the folder
   * of a node closed normally (its logs) stays until this next start.
   */
  static void reap(Path base) throws IOException {
    StaleControlPlanes.reap(base);
    List<Path> nodes;
    try (var dirs = Files.list(base)) {
      nodes = dirs.filter(d -> Files.exists(d.resolve("cgroup-root"))).toList();
    }
    for (Path other : nodes) {
      if (ownerAlive(other)) {
        throw new IllegalStateException("another node runs on this machine (" + other + "): one at a time, since "
            + "the bridge " + NodeFiles.BRIDGE + " and the node name (the host's) are fixed");
      }
    }
    for (Path stale : nodes) {
      NodeHost host = NodeHost.stale(stale);
      if (!host.leftovers().isEmpty()) {
        ControlPlane.say("cleaning up after the node in %s, whose JVM is gone: %s", stale, host.leftovers());
        host.killPodProcesses();
        host.killProcessesOfThisNode();
        host.undo();
      }
      if (host.leftovers().stream().noneMatch(l -> l.startsWith("mount "))) {   // never delete through a mount
        NodeHost.deleteTree(stale);
      }
    }
    NodeHost.removeEmptyHostFolders();
  }

  private static boolean ownerAlive(Path dir) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve(StaleControlPlanes.OWNER)).strip()))
          .map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

}
