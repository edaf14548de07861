package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.controlplane.Dockerfile.Copy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/'s two Dockerfiles built here without Docker ({@link DockerfileImage}, on cluster/images.sh's images; root
 * and umoci, as the profile real-pods has them, but no node): the image's lower layers are its base's, unchanged,
 * and each COPY's layer holds exactly its sources' files, byte for byte (SHA-256 of every file against the build
 * context), owned by its --chown. What Docker puts in those layers is the same files, so the project's layers are
 * the same bytes both ways; only the base differs. In operator-it, whose reactor builds the jobs and the operator
 * first (.ci/run copies the jobs image's libraries); a source that is not built fails the test, naming the command
 * that builds it. Runs in the profile real-pods beside {@code OperatorOnNodeIT}.
 */
class DockerfileImageIT {
  static final Path REPO = ControlPlaneBinaries.repoRoot();
  static NodeImages bases;

  @TempDir
  Path dir;

  @BeforeAll
  static void images() {
    bases = NodeImages.build(REPO);
  }

  @Test
  void sparkJobsLayersAreItsJarsOwnedBySpark() throws Exception {
    checkLayers("docker/spark-jobs.Dockerfile");
  }

  @Test
  void operatorLayersAreItsFastJarOwnedByTheOperatorsUser() throws Exception {
    checkLayers("docker/operator.Dockerfile");
  }

  private void checkLayers(String dockerfile) throws Exception {
    Dockerfile df = Dockerfile.read(REPO, dockerfile, Map.of());
    for (Dockerfile.Step step : df.steps()) {
      if (step instanceof Copy copy) {
        for (String source : copy.sources()) {
          assertThat(REPO.resolve(source)).as(() -> source + " is not built: "
              + String.join(" && ", df.hintFor(source))).exists();
        }
      }
    }
    DockerfileImage image = DockerfileImage.build(REPO, dockerfile, bases, Map.of());
    assertThat(image.reference()).startsWith("userflow.local/" + DockerfileImage.imageName(dockerfile) + ":");
    List<Path> baseLayers = layout(bases.archive(DockerfileImage.baseFor(df.from(), bases)), "base").layers();
    List<Path> layers = layout(image.archive(), "image").layers();
    assertThat(layers.subList(0, baseLayers.size())).extracting(Path::getFileName)
        .isEqualTo(baseLayers.stream().map(Path::getFileName).toList());

    List<Copy> copies = df.steps().stream().filter(Copy.class::isInstance).map(Copy.class::cast).toList();
    List<Path> copyLayers = new ArrayList<>();
    List<Map<String, String>> filesOfLayers = new ArrayList<>();
    for (Path layer : layers.subList(baseLayers.size(), layers.size())) {
      Map<String, String> files = filesOf(layer);
      if (!files.isEmpty()) {           // a WORKDIR's layer has its folder only
        copyLayers.add(layer);
        filesOfLayers.add(files);
      }
    }
    assertThat(filesOfLayers).hasSameSizeAs(copies);
    for (int i = 0; i < copies.size(); i++) {
      Copy copy = copies.get(i);
      assertThat(filesOfLayers.get(i)).as("layer of %s:%d", dockerfile, copy.line()).isEqualTo(expected(copy));
      assertThat(owners(copyLayers.get(i))).containsOnly(copy.owner().uid() + "/" + copy.owner().gid());
    }
  }

  /** Path in the image -> SHA-256 of each file the COPY's sources give, as Docker lays them down. */
  private static Map<String, String> expected(Copy copy) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String source : copy.sources()) {
      Path src = REPO.resolve(source);
      String dest = copy.destination();
      if (Files.isDirectory(src)) {
        String into = dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest;
        try (Stream<Path> walk = Files.walk(src)) {
          for (Path p : walk.filter(Files::isRegularFile).toList()) {
            out.put(into + "/" + src.relativize(p), sha256(p));
          }
        }
      } else {
        out.put(dest.endsWith("/") ? dest + src.getFileName() : dest, sha256(src));
      }
    }
    return out;
  }

  /** Path in the image -> SHA-256 of every regular file of a layer blob, extracted with tar. */
  private Map<String, String> filesOf(Path layer) throws Exception {
    Path into = Files.createDirectories(dir.resolve("layer-" + layer.getFileName()));
    OciLayout.run(List.of("tar", "-xzf", layer.toString(), "-C", into.toString()));
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(into)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put("/" + into.relativize(p), sha256(p));
      }
    }
    NodeHost.deleteTree(into);
    return out;
  }

  /** The distinct uid/gid of a layer's entries. */
  private static List<String> owners(Path layer) throws Exception {
    Process p = new ProcessBuilder("tar", "--numeric-owner", "-tvzf", layer.toString()).start();
    List<String> owners = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .map(l -> l.split("\\s+")[1]).distinct().toList();
    assertThat(p.waitFor()).isZero();
    return owners;
  }

  private OciLayout layout(Path archive, String name) {
    return OciLayout.unpack(archive, dir.resolve(name), "unused");
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      DockerfileImageCache.digestFile(sha, file);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
