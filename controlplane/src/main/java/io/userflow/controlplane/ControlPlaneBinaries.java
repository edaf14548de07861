package io.userflow.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where etcd, kube-apiserver, kube-controller-manager and kubectl are: the folder {@code cluster/build.sh} prints,
 * which it fills (or finds up to date) from the versions pinned in {@code cluster/go.mod}, with the node's binaries
 * and the Kubeflow spark-operator controller ({@code spark-operator}). The spark-operator's CRDs sit in
 * {@code ../crds} beside it.
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

  /**
   * All CRDs of that release (SparkApplication, ScheduledSparkApplication, SparkConnect): its controller watches
   * all three and does not start without them.
   */
  public List<Path> sparkOperatorCrds() {
    return Stream.of("sparkapplications", "scheduledsparkapplications", "sparkconnects")
        .map(plural -> bin.resolveSibling("crds").resolve("sparkoperator.k8s.io_" + plural + ".yaml")).toList();
  }
}
