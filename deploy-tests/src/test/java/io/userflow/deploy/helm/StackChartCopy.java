package io.userflow.deploy.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.userflow.deploy.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of helm/userflow-stack with its charts/ folder filled as {@code helm dependency build} would,
 * without network: the operator chart copied from helm/userflow (its file:// dependency), and a
 * {@link #FAKE_SPARK_OPERATOR} in place of the Kubeflow chart, which cannot be downloaded here. Tests
 * render with {@code spark-operator.enabled=false}, so the fake only satisfies Helm's presence check.
 */
public final class StackChartCopy {
  /** Chart.yaml of the stand-in: the dependency's name and pinned version, nothing to render. */
  static final String FAKE_SPARK_OPERATOR = """
      apiVersion: v2
      name: spark-operator
      version: %s
      description: Test stand-in for the Kubeflow spark-operator chart; renders nothing.
      """;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private StackChartCopy() {}

  public static Path create(Path tempDir) {
    Path copy = tempDir.resolve("userflow-stack");
    copyTree(RepoPaths.stackChart(), copy);
    copyTree(RepoPaths.operatorChart(), copy.resolve("charts/userflow"));
    Path fake = copy.resolve("charts/spark-operator");
    write(fake.resolve("Chart.yaml"), FAKE_SPARK_OPERATOR.formatted(sparkOperatorVersion()));
    return copy;
  }

  /** The spark-operator version pinned in the stack's Chart.yaml. */
  public static String sparkOperatorVersion() {
    return dependency("spark-operator").get("version");
  }

  /** A dependency entry of helm/userflow-stack/Chart.yaml. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> dependency(String name) {
    try {
      Map<String, Object> chart = YAML.readValue(RepoPaths.stackChart().resolve("Chart.yaml").toFile(), Map.class);
      return ((List<Map<String, String>>) chart.get("dependencies")).stream()
          .filter(d -> name.equals(d.get("name")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no dependency " + name + " in helm/userflow-stack/Chart.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
