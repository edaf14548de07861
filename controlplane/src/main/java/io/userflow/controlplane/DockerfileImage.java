package io.userflow.controlplane;

import io.userflow.controlplane.Dockerfile.Config;
import io.userflow.controlplane.Dockerfile.Copy;
import io.userflow.controlplane.Dockerfile.Step;
import io.userflow.controlplane.Dockerfile.Workdir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project image built from its Dockerfile (docker/*.Dockerfile, the one definition kind users build with Docker)
 * without Docker: the FROM image's stand-in among cluster/images.sh's images ({@link #bases}), then one layer per
 * COPY (and per WORKDIR that makes its folder) as Docker lays it down ({@link LayerTar}), then the Dockerfile's
 * config, as an OCI archive {@code ctr image import} loads ({@link Node#importImage}).
 * Cached outside the clone ({@link DockerfileImageCache}: {@code ~/.cache/userflow/images/project}), keyed by the
 * Dockerfile, the build args, the base's reference, this builder's classes and the bytes of every COPY source.
 *
 * @param reference {@code userflow.local/<name>:<key>}, the name from the Dockerfile's file name
 * @param archive   the OCI archive (a tar of an OCI layout with that one tag)
 */
public record DockerfileImage(String reference, Path archive) {
  static final String REGISTRY = "userflow.local";

  /**
   * FROM image -> the cluster/images.sh image that stands in for it here; the one table of it. apache/spark's tag
   * must be the Spark images.sh builds.
   */
  static Map<String, String> bases(NodeImages images) {
    return Map.of("apache/spark:" + images.sparkVersion(), "spark", "eclipse-temurin:17-jre-noble", "java");
  }

  /**
   * {@code java -cp controlplane/target/classes io.userflow.controlplane.DockerfileImage [--images DIR]
   * [--build-arg NAME=VALUE]... docker/<name>.Dockerfile}: builds it (on images.sh's images, run first unless
   * {@code --images} names its folder) and prints the reference and the archive.
   */
  public static void main(String[] args) {
    NodeImages images = null;
    Map<String, String> buildArgs = new TreeMap<>();
    String dockerfile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--images" -> images = new NodeImages(Path.of(args[++i]));
        case "--build-arg" -> {
          String[] kv = args[++i].split("=", 2);
          buildArgs.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        default -> dockerfile = args[i];
      }
    }
    if (dockerfile == null) {
      System.err.println("usage: DockerfileImage [--images DIR] [--build-arg NAME=VALUE]... docker/<name>.Dockerfile");
      System.exit(2);
    }
    Path repo = ControlPlaneBinaries.repoRoot();
    DockerfileImage image = build(repo, dockerfile, images == null ? NodeImages.build(repo) : images, buildArgs);
    System.out.println(image.reference() + " " + image.archive());
  }

  /** The images.sh image a FROM maps to, or an error naming the mapped ones. */
  static String baseFor(String from, NodeImages images) {
    Map<String, String> table = bases(images);
    if (table.containsKey(from)) {
      return table.get(from);
    }
    if (from.startsWith("apache/spark:")) {
      throw new IllegalArgumentException("FROM " + from + ": cluster/images.sh builds Spark " + images.sparkVersion()
          + " only (its spark image), so the tag must be " + images.sparkVersion());
    }
    throw new IllegalArgumentException("FROM " + from + " has no stand-in among cluster/images.sh's images; mapped: "
        + new TreeMap<>(table));
  }

  /**
   * Builds {@code dockerfilePath} (relative to {@code repoRoot}, the build context) on the images of {@code bases},
   * or returns the cached archive when nothing changed. Progress and timings on stderr.
   */
  public static DockerfileImage build(Path repoRoot, String dockerfilePath, NodeImages bases,
      Map<String, String> buildArgs) {
    long t0 = System.nanoTime();
    Dockerfile df = Dockerfile.read(repoRoot, dockerfilePath, buildArgs);
    String base = baseFor(df.from(), bases);
    requireSources(repoRoot, df);
    String key = DockerfileImageCache.key(repoRoot, df, buildArgs, bases.reference(base));
    String name = imageName(dockerfilePath);
    Path cache = DockerfileImageCache.folder();
    Path archive = cache.resolve(name + "-" + key + ".tar");
    DockerfileImage image = new DockerfileImage(REGISTRY + "/" + name + ":" + key, archive);
    if (Files.isRegularFile(archive)) {
      DockerfileImageCache.touch(archive);
      ControlPlane.say("%s: up to date, %s (%.0f MB), checked in %.1f s", dockerfilePath, image.reference(),
          mb(archive), seconds(t0));
      return image;
    }
    ControlPlane.say("%s: building %s on %s (%s)", dockerfilePath, image.reference(), base, bases.reference(base));
    Path work = null;
    try {
      Files.createDirectories(cache);
      work = Files.createTempDirectory(cache, ".build-" + name + "-");
      String baseRef = bases.reference(base);
      OciLayout layout = OciLayout.unpack(bases.archive(base), work.resolve("layout"),
          baseRef.substring(baseRef.lastIndexOf(':') + 1));
      layout.retag(key);
      Map<String, Boolean> paths = layout.paths();
      ControlPlane.say("%s: base %s unpacked and its %d paths listed in %.1f s", name, base, paths.size(), seconds(t0));
      int i = 0;
      for (Step step : df.steps()) {
        long ts = System.nanoTime();
        Path stage = work.resolve("step-" + ++i);
        Path tar = work.resolve("step-" + i + ".tar");
        if (step instanceof Copy copy) {
          LayerTar.copy(repoRoot, copy, paths, stage, tar);
          layout.addLayer(tar, copy.instruction() + " (" + dockerfilePath + ":" + copy.line() + ")");
        } else if (LayerTar.workdir(((Workdir) step).path(), paths, stage, tar)) {
          layout.addLayer(tar, "WORKDIR " + ((Workdir) step).path() + " (" + dockerfilePath + ":" + step.line() + ")");
        } else {
          continue;
        }
        ControlPlane.say("%s: line %d: a layer of %.1f MB (uncompressed) in %.1f s", name, step.line(), mb(tar),
            seconds(ts));
        NodeHost.deleteTree(stage);
        Files.delete(tar);
      }
      layout.config(configOptions(df.config()));
      layout.archive(archive);
      DockerfileImageCache.prune(cache, name, archive);
      ControlPlane.say("%s: built in %.1f s: %s, %.0f MB", dockerfilePath, seconds(t0), archive, mb(archive));
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (work != null) {
        NodeHost.deleteTree(work);
      }
    }
  }

  /** The image's name: the Dockerfile's name without {@code .Dockerfile} ({@code spark-jobs}, {@code operator}). */
  static String imageName(String dockerfilePath) {
    return dockerfilePath.substring(dockerfilePath.lastIndexOf('/') + 1).replaceFirst("\\.Dockerfile$", "")
        .toLowerCase(Locale.ROOT);
  }

  /** The umoci config options for the Dockerfile's config; ENTRYPOINT without CMD clears the base's CMD. */
  static List<String> configOptions(Config config) {
    List<String> options = new ArrayList<>();
    config.env().forEach((k, v) -> options.addAll(List.of("--config.env", k + "=" + v)));
    if (config.workdir() != null) {
      options.addAll(List.of("--config.workingdir", config.workdir()));
    }
    if (config.user() != null) {
      options.addAll(List.of("--config.user", config.user()));
    }
    config.exposedPorts().forEach(p -> options.addAll(List.of("--config.exposedports", p)));
    if (config.entrypoint() != null) {
      options.add("--clear=config.entrypoint");
      config.entrypoint().forEach(a -> options.addAll(List.of("--config.entrypoint", a)));
      if (config.cmd() == null) {
        options.add("--clear=config.cmd");
      }
    }
    if (config.cmd() != null) {
      options.add("--clear=config.cmd");
      config.cmd().forEach(a -> options.addAll(List.of("--config.cmd", a)));
    }
    return options;
  }

  /** Every COPY source must exist; a missing one names the command that makes it (the Dockerfile's header). */
  private static void requireSources(Path repoRoot, Dockerfile df) {
    for (Step step : df.steps()) {
      if (step instanceof Copy copy) {
        for (String source : copy.sources()) {
          if (!Files.exists(repoRoot.resolve(source))) {
            throw new IllegalStateException(df.path() + ":" + copy.line() + ": " + source + " is missing (in "
                + repoRoot + "); make it first with: " + String.join(" && ", df.hintFor(source)));
          }
        }
      }
    }
  }

  private static double mb(Path file) {
    try {
      return Files.size(file) / 1e6;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
