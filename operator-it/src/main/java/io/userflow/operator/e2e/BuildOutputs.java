package io.userflow.operator.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the Maven build hands the test as system properties (see this module's failsafe configuration). */
final class BuildOutputs {
  private BuildOutputs() {}

  /** The repository root: helm/ (the chart and its CRDs) and examples/ live there. */
  static Path repoRoot() {
    return Path.of(required("userflow.repo.root"));
  }

  /** A file of examples/ read as {@code type}. */
  static <T> T example(String file, Class<T> type) throws IOException {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        Files.readString(repoRoot().resolve("examples").resolve(file)), type);
  }

  /** This module's target/ folder; the test works in target/e2e-work and reports to target/e2e-report. */
  static Path target() {
    return Path.of(required("userflow.e2e.dir"));
  }

  /** Spark's {@code --add-opens} flags, the root pom's {@code spark.jvm.opens}. */
  static List<String> sparkJvmOpens() {
    return Arrays.stream(required("userflow.spark.jvm.opens").trim().split("\\s+")).filter(s -> !s.isBlank())
        .toList();
  }

  /** The jobs' runtime class path; entries ending in .txt are files holding a class path (runtime-classpath.txt). */
  static String jobsClasspath() {
    List<String> entries = new ArrayList<>();
    for (String entry : required("userflow.jobs.classpath").split(File.pathSeparator)) {
      if (entry.endsWith(".txt")) {
        try {
          entries.add(Files.readString(Path.of(entry)).trim());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read class path file " + entry + "; build the jobs module first", e);
        }
      } else if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The packaged operator: operator/target/quarkus-app/quarkus-run.jar. */
  static Path operatorJar() {
    Path jar = repoRoot().resolve("operator/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build the operator module first (mvn -pl operator package)");
    }
    return jar;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set; run the test through Maven "
          + "(mvn -pl operator-it -am verify)");
    }
    return value;
  }
}
