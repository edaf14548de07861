package io.userflow.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JVM killed with SIGKILL runs no shutdown hook, so its etcd and API server would live on. Every control plane
 * folder records the pid of the JVM that owns it ({@code owner.pid}) and of each server ({@code <name>.pid});
 * starting a new control plane under the same base folder ends the servers of every owner that is gone.
 */
final class StaleControlPlanes {
  static final String OWNER = "owner.pid";

  private StaleControlPlanes() {}

  static void reap(Path base) throws IOException {
    if (!Files.isDirectory(base)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(base)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Optional<ProcessHandle> owner = pid(dir.resolve(OWNER)).flatMap(ProcessHandle::of);
        if (owner.isPresent() && owner.get().isAlive()) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")
              && !f.getFileName().toString().equals(OWNER)).toList()) {
            pid(pidFile).flatMap(ProcessHandle::of).filter(h -> commandMentions(h, dir)).ifPresent(h -> {
              System.err.printf("controlplane: ending %s (pid %d) left by a control plane whose JVM is gone%n",
                  pidFile.getFileName(), h.pid());
              h.destroyForcibly();
            });
            Files.deleteIfExists(pidFile);
          }
        }
      }
    }
  }

  /** A recycled pid belongs to some other program: only a process started for this folder is ended. */
  private static boolean commandMentions(ProcessHandle h, Path dir) {
    return h.info().arguments().map(List::of).orElse(List.of()).stream()
        .anyMatch(a -> a.contains(dir.toString()));
  }

  private static Optional<Long> pid(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
