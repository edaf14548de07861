package io.userflow.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the control plane from the command line and keeps it until the process is told to stop (SIGTERM or
 * Ctrl-C): {@code java -cp controlplane/target/classes io.userflow.controlplane.ControlPlaneMain [--dir DIR]}. Prints
 * {@code export KUBECONFIG=...} on stdout once it serves, and writes the same path to {@code DIR/kubeconfig-path}.
 */
public final class ControlPlaneMain {
  private ControlPlaneMain() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(".userflow/cluster");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> base = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.println("usage: ControlPlaneMain [--dir DIR]   (default DIR: .userflow/cluster)");
          return;
        }
        default -> {
          System.err.println("ControlPlaneMain: unknown option " + args[i] + " (see --help)");
          System.exit(2);
        }
      }
    }
    ControlPlane cp = ControlPlane.start(ControlPlaneBinaries.build(ControlPlaneBinaries.repoRoot()),
        base.toAbsolutePath());
    Files.writeString(base.toAbsolutePath().resolve("kubeconfig-path"), cp.kubeconfig().toString());
    System.out.println("export KUBECONFIG=" + cp.kubeconfig());
    System.out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    forever.await();
  }
}
