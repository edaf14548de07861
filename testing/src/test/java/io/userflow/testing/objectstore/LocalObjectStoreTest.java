package io.userflow.testing.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local S3 endpoint with Hadoop's s3a: the file operations Spark's streaming checkpoint makes. */
class LocalObjectStoreTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void s3aSeesDirectoriesAndRenamesFilesTheWayCheckpointsNeed() throws Exception {
    try (LocalObjectStore store = LocalObjectStore.start(dir.resolve("s3"), "warehouse", "other")) {
      Configuration conf = new Configuration();
      store.storage().hadoopProperties().forEach(conf::set);
      conf.set("fs.s3a.impl.disable.cache", "true");
      try (FileSystem fs = FileSystem.get(URI.create("s3a://warehouse/"), conf)) {
        Path checkpoint = new Path("s3a://warehouse/checkpoints/p/bronze");
        assertThat(fs.mkdirs(new Path(checkpoint, "offsets"))).isTrue();
        assertThat(fs.getFileStatus(checkpoint).isDirectory()).as("a directory marker, not a file").isTrue();
        Path tmp = new Path(checkpoint, "offsets/.0.tmp");
        try (FSDataOutputStream out = fs.create(tmp)) {
          out.write("v1".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(fs.rename(tmp, new Path(checkpoint, "offsets/0"))).isTrue();
        assertThat(fs.exists(tmp)).isFalse();
      }
      assertThat(store.keys("warehouse", "checkpoints/p/bronze/offsets/")).contains("checkpoints/p/bronze/offsets/0")
          .noneMatch(k -> k.endsWith(".tmp"));
      assertThat(store.keys("warehouse", "nothing/")).isEqualTo(List.of());
      assertThat(store.keys("other", "")).as("every bucket named at start exists, and only its own keys").isEmpty();
    }
  }
}
