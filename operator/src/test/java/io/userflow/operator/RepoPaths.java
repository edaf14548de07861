package io.userflow.operator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Top-level folders of the repository (crds/, examples/), found from the build's root. */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    String configured = System.getProperty("userflow.repo.root");
    Path root = configured == null || configured.isBlank() ? Path.of("..") : Path.of(configured);
    return Files.isDirectory(root.resolve("operator")) ? root : Path.of("..");
  }

  public static Path crds() {
    return root().resolve("crds");
  }

  public static Path examples() {
    return root().resolve("examples");
  }
}
