package io.userflow.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An explicit class path from a lib dir, one jar per artifact. {@code dependency:copy-dependencies} never
 * removes jars, so after a version change a lib dir holds both (slf4j-api 1.7 and 2.0, say); a {@code lib/*}
 * wildcard would then load whichever the file system lists first.
 */
public final class LibClasspath {
  /** {@code name-version.jar} where the version starts with a digit: {@code kafka_2.13-4.4.0.jar}. */
  private static final Pattern JAR = Pattern.compile("^(.+?)-(\\d[^/]*)\\.jar$");
  /**
   * Maven classifiers of a second jar of the same artifact and version that goes on the class path beside the main
   * one ({@code iceberg-core-1.11.0.jar} and {@code iceberg-core-1.11.0-tests.jar}), not a newer version of it.
   */
  private static final Pattern CLASSIFIER = Pattern.compile("-(tests|test-fixtures)$");

  private LibClasspath() {}

  public static String of(Path libDir) throws IOException {
    try (Stream<Path> files = Files.list(libDir)) {
      List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
      return newestPerArtifact(names).stream().map(n -> libDir.toAbsolutePath().resolve(n).toString())
          .collect(Collectors.joining(File.pathSeparator));
    }
  }

  /** Jar file names with only the newest version of each artifact, sorted by artifact name. */
  static List<String> newestPerArtifact(Collection<String> jarNames) {
    Map<String, String> newest = new TreeMap<>();
    for (String jar : jarNames) {
      Matcher m = JAR.matcher(jar);
      String artifact = m.matches() ? m.group(1) : jar;
      Matcher classifier = CLASSIFIER.matcher(m.matches() ? m.group(2) : "");
      if (classifier.find()) {
        artifact = artifact + ":" + classifier.group(1);
      }
      newest.merge(artifact, jar, (a, b) -> compareVersions(version(a), version(b)) >= 0 ? a : b);
    }
    return new ArrayList<>(newest.values());
  }

  private static String version(String jar) {
    Matcher m = JAR.matcher(jar);
    return m.matches() ? m.group(2) : "";
  }

  /** Compares dot/dash-separated versions numerically where both parts are numbers, else as text. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = p.matches("\\d{1,18}") && q.matches("\\d{1,18}") ? Long.compare(Long.parseLong(p), Long.parseLong(q)) : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
