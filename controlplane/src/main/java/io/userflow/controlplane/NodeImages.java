package io.userflow.controlplane;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The images {@code cluster/images.sh} builds without Docker, as OCI archives in its cache folder: {@code base}
 * (Debian's essential set: a shell and coreutils), {@code pause} (the pod sandbox), {@code java} (Java 17) and
 * {@code spark} (java's layer, Spark from the pyspark distribution, our driver/executor entrypoint), plus the host's
 * Spark home of that distribution. {@link DockerfileImage} builds the project's images on java and spark.
 *
 * @param folder the folder images.sh printed; {@code <name>.tar} and {@code images.properties} (name=reference)
 */
public record NodeImages(Path folder) {
  /** Runs cluster/images.sh (cached: seconds when nothing changed; it also runs build.sh) and returns its folder. */
  public static NodeImages build(Path repoRoot) {
    return new NodeImages(ClusterScripts.run(repoRoot, "images.sh"));
  }

  /** The reference an image is imported as, e.g. {@code userflow.local/base:<key>}. */
  public String reference(String name) {
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(folder.resolve("images.properties"))));
      String ref = p.getProperty(name);
      if (ref == null) {
        throw new IllegalArgumentException("no image '" + name + "' in " + folder + "/images.properties");
      }
      return ref;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every image of the folder, as images.properties lists them. */
  public List<String> names() {
    try {
      return Files.readAllLines(folder.resolve("images.properties")).stream().filter(l -> l.contains("="))
          .map(l -> l.substring(0, l.indexOf('='))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The host's Spark home of the distribution the {@code spark} image carries (images.sh unpacks it once per
   * version): {@code bin/spark-submit} against the cluster.
   */
  public Path sparkHome() {
    try {
      return Path.of(Files.readString(folder.resolve("spark-home")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Spark version the {@code spark} image carries: the one {@code apache/spark} tag it stands in for. */
  public String sparkVersion() {
    try {
      return Files.readString(folder.resolve("spark-version")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path archive(String name) {
    return folder.resolve(name + ".tar");
  }

  /** The repository part of a reference: what {@code ctr image import --base-name} takes. */
  static String repository(String reference) {
    return reference.substring(0, reference.lastIndexOf(':'));
  }
}
