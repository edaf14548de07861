package io.userflow.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployable parts live in the repository; every test reads the checked-in files from here. */
public final class RepoPaths {
  private RepoPaths() {}

  /** Repository root: the parent of the deploy-tests module (surefire sets {@code userflow.repo.root}). */
  public static Path root() {
    String configured = System.getProperty("userflow.repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("helm"))) {
      throw new IllegalStateException("not the userflow repository root: " + root);
    }
    return root;
  }

  public static Path operatorChart() {
    return root().resolve("helm/userflow");
  }

  public static Path stackChart() {
    return root().resolve("helm/userflow-stack");
  }

  /** The CRDs: the operator module generates them into the chart (its CrdSyncTest), the only copy. */
  public static Path crds() {
    return operatorChart().resolve("crds");
  }

  public static Path reprocessCrd() {
    return crds().resolve("reprocesses.userflow.io-v1.yml");
  }

  public static Path featurePipelineCrd() {
    return crds().resolve("featurepipelines.userflow.io-v1.yml");
  }

  public static Path airflow() {
    return root().resolve("airflow");
  }
}
