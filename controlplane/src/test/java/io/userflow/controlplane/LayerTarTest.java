package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.controlplane.Dockerfile.Copy;
import io.userflow.controlplane.Dockerfile.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's layer tar (GNU tar, no root): owners, modes, the folders a COPY makes and the ones it leaves out. */
class LayerTarTest {
  @TempDir
  Path dir;

  @Test
  void aCopyOwnsItsFilesAndTheFoldersItMakesButNotTheImagesFolders() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo/target/lib"));
    Files.createDirectories(repo.resolve("sub"));
    Files.writeString(repo.resolve("a.jar"), "a");
    Files.writeString(repo.resolve("sub/run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(repo.resolve("sub/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("repo/app.jar"), "app");
    Map<String, Boolean> image = new HashMap<>(Map.of("/", true, "/opt", true, "/opt/app", true));

    Path tar = dir.resolve("1.tar");
    LayerTar.copy(dir.resolve("repo"), new Copy(1, "COPY", List.of("target/lib/"), "/opt/app/lib/",
        new Owner(185, 0)), image, dir.resolve("s1"), tar);
    assertThat(listing(tar)).containsExactly(
        "drwxr-xr-x 185/0 opt/app/lib/", "-rw-r--r-- 185/0 opt/app/lib/a.jar", "drwxr-xr-x 185/0 opt/app/lib/sub/",
        "-rwxr-xr-x 185/0 opt/app/lib/sub/run.sh");

    LayerTar.copy(dir.resolve("repo"), new Copy(2, "COPY", List.of("app.jar"), "/srv/userflow/app.jar",
        new Owner(185, 185)), image, dir.resolve("s2"), tar);
    assertThat(listing(tar)).containsExactly("drwxr-xr-x 185/185 srv/", "drwxr-xr-x 185/185 srv/userflow/",
        "-rw-r--r-- 185/185 srv/userflow/app.jar");

    LayerTar.copy(dir.resolve("repo"), new Copy(3, "COPY", List.of("app.jar"), "/opt/app/lib", Owner.ROOT), image,
        dir.resolve("s3"), tar);   // an existing folder without a slash: into it, as BuildKit does
    assertThat(listing(tar)).containsExactly("-rw-r--r-- 0/0 opt/app/lib/app.jar");
  }

  @Test
  void aWorkdirIsALayerOnlyWhenTheImageLacksItsFolder() throws IOException {
    Map<String, Boolean> image = new HashMap<>(Map.of("/", true, "/opt", true));
    assertThat(LayerTar.workdir("/opt", image, dir.resolve("s1"), dir.resolve("1.tar"))).isFalse();
    assertThat(LayerTar.workdir("/deployments", image, dir.resolve("s2"), dir.resolve("2.tar"))).isTrue();
    assertThat(listing(dir.resolve("2.tar"))).containsExactly("drwxr-xr-x 0/0 deployments/");
  }

  /** {@code mode owner/group path} of each entry, with the mtime checked to be the epoch. */
  private static List<String> listing(Path tar) throws IOException {
    try {
      Process p = new ProcessBuilder("tar", "--numeric-owner", "--utc", "-tvf", tar.toString()).start();
      List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(p.waitFor()).isZero();
      assertThat(lines).allMatch(l -> l.contains(" 1970-01-01 00:00 "));
      return lines.stream().map(l -> l.split("\\s+")).map(f -> f[0] + " " + f[1] + " " + f[5]).toList();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
