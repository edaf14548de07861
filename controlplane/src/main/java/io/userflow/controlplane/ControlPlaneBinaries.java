package io.userflow.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where etcd, kube-apiserver, kube-controller-manager and kubectl are: the folder {@code cluster/build.sh} prints,
 * which it fills (or finds up to date) from the versions pinned in {@code cluster/go.mod}. The spark-operator's
 * SparkApplication CRD sits in {@code ../crds} beside it.
 */
public record ControlPlaneBinaries(Path bin) {
  public static final List<String> COMMANDS = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");

  /** Runs cluster/build.sh of the repository (cached: seconds when nothing changed) and returns its folder. */
  public static ControlPlaneBinaries build(Path repoRoot) {
    return of(ClusterScripts.run(repoRoot, "build.sh"));
  }

  public static ControlPlaneBinaries of(Path bin) {
    for (String c : COMMANDS) {
      if (!Files.isExecutable(bin.resolve(c))) {
        throw new IllegalStateException(bin.resolve(c) + " is missing: run cluster/build.sh");
      }
    }
    return new ControlPlaneBinaries(bin);
  }

  /** The repository root the build runs in: {@code userflow.repo.root}, else the nearest folder up with cluster/. */
  public static Path repoRoot() {
    String prop = System.getProperty("userflow.repo.root");
    if (prop != null) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("cluster/build.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("not inside a userflow checkout; set -Duserflow.repo.root");
  }

  public Path command(String name) {
    return bin.resolve(name);
  }

  /** The Kubeflow SparkApplication CRD as the spark-operator release pinned in cluster/spark-operator-crd ships it. */
  public Path sparkApplicationCrd() {
    return bin.resolveSibling("crds").resolve("sparkoperator.k8s.io_sparkapplications.yaml");
  }
}
