package io.userflow.controlplane;

import io.userflow.controlplane.Dockerfile.Copy;
import io.userflow.controlplane.Dockerfile.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where {@link DockerfileImage} keeps its archives, outside the clone: {@code $USERFLOW_IMAGE_CACHE/project}
 * (beside images.sh's folders; {@code ~/.cache/userflow/images/project} by default), one {@code <name>-<key>.tar} per
 * image, the key a hash of everything the archive is made from: a changed jar is a new image, an unchanged one a hit.
 */
final class DockerfileImageCache {
  /** The builder's classes: a change of how images are made is a new key too. */
  private static final List<Class<?>> BUILDER = List.of(Dockerfile.class, DockerfileWords.class,
      DockerfileImage.class, LayerTar.class, OciLayout.class);

  private DockerfileImageCache() {}

  /** {@code $USERFLOW_IMAGE_CACHE/project}, else {@code ${XDG_CACHE_HOME:-~/.cache}/userflow/images/project}. */
  static Path folder() {
    String images = System.getenv("USERFLOW_IMAGE_CACHE");
    if (images == null || images.isEmpty()) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path cache = xdg == null || xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
      return cache.resolve("userflow/images/project");
    }
    return Path.of(images, "project");
  }

  /**
   * 16 hex digits of a SHA-256 over the Dockerfile's text, the build args, the base's reference, the builder's classes
   * and every COPY source (paths, modes, bytes).
   */
  static String key(Path repoRoot, Dockerfile df, Map<String, String> buildArgs, String baseReference) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, "dockerfile", Files.readString(repoRoot.resolve(df.path())));
      new TreeMap<>(buildArgs).forEach((k, v) -> update(sha, "arg", k + "=" + v));
      update(sha, "base", baseReference);
      for (Class<?> c : BUILDER) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
          sha.update(in.readAllBytes());
        }
      }
      for (Step step : df.steps()) {
        if (step instanceof Copy copy) {
          for (String source : copy.sources()) {
            Path src = repoRoot.resolve(source);
            try (Stream<Path> walk = Files.walk(src)) {
              for (Path p : walk.sorted().toList()) {
                update(sha, "path", source + "/" + src.relativize(p) + " "   // toString: a HashSet's order varies
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
                if (Files.isSymbolicLink(p)) {
                  update(sha, "link", Files.readSymbolicLink(p).toString());
                } else if (Files.isRegularFile(p)) {
                  digestFile(sha, p);
                }
              }
            }
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String what, String value) {
    sha.update((what + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8));
  }

  static void digestFile(MessageDigest sha, Path file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
  }

  /** Older archives of the image not used for a day (a cache hit touches its archive) go: each is ~1 GB. */
  static void prune(Path cache, String name, Path keep) throws IOException {
    Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
    try (Stream<Path> files = Files.list(cache)) {
      Pattern mine = Pattern.compile(Pattern.quote(name) + "-\\p{XDigit}{16}\\.tar");
      for (Path old : files.filter(p -> mine.matcher(p.getFileName().toString()).matches() && !p.equals(keep))
          .toList()) {
        if (Files.getLastModifiedTime(old).toInstant().isBefore(dayAgo)) {
          ControlPlane.say("%s: removing %s (unused for a day)", name, old);
          Files.deleteIfExists(old);
        }
      }
    }
  }

  static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
