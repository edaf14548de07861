package io.userflow.operator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of the repository (the CRDs in the operator chart, examples/), found from the build's root. */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    String configured = System.getProperty("userflow.repo.root");
    Path root = configured == null || configured.isBlank() ? Path.of("..") : Path.of(configured);
    return Files.isDirectory(root.resolve("operator")) ? root : Path.of("..");
  }

  /** The CRDs, generated from the API classes (CrdSyncTest) straight into the chart: Helm installs them from there. */
  public static Path crds() {
    return root().resolve("helm/userflow/crds");
  }

  public static Path examples() {
    return root().resolve("examples");
  }
}
