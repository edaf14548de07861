package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache key follows what the image is made from, and nothing else. */
class DockerfileImageCacheTest {
  @TempDir
  Path repo;

  @Test
  void aChangedByteOrModeOfASourceIsANewKeyAndNothingElseIs() throws IOException {
    Files.writeString(repo.resolve("app.Dockerfile"), "FROM b\nARG V=1\nCOPY lib/ /opt/lib/\n");
    Files.createDirectories(repo.resolve("lib/sub"));
    Files.writeString(repo.resolve("lib/a.jar"), "a");
    Files.writeString(repo.resolve("lib/sub/b.jar"), "b");
    String key = key(Map.of());
    assertThat(key).matches("[0-9a-f]{16}").isEqualTo(key(Map.of()));
    assertThat(key(Map.of("V", "2"))).isNotEqualTo(key);
    assertThat(DockerfileImageCache.key(repo, Dockerfile.read(repo, "app.Dockerfile", Map.of()), Map.of(), "r:2"))
        .isNotEqualTo(key);

    Files.writeString(repo.resolve("lib/sub/b.jar"), "B");
    String changed = key(Map.of());
    assertThat(changed).isNotEqualTo(key);
    Files.setPosixFilePermissions(repo.resolve("lib/sub/b.jar"), PosixFilePermissions.fromString("rwxr-xr-x"));
    String chmodded = key(Map.of());
    assertThat(chmodded).isNotEqualTo(changed);
    Files.writeString(repo.resolve("elsewhere.txt"), "not a source");
    assertThat(key(Map.of())).isEqualTo(chmodded);
  }

  private String key(Map<String, String> buildArgs) {
    return DockerfileImageCache.key(repo, Dockerfile.read(repo, "app.Dockerfile", buildArgs), buildArgs, "r:1");
  }
}
