package io.userflow.local.demo;

import io.userflow.core.layout.TableLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** File and table chores of the demo. */
final class DemoFiles {
  private DemoFiles() {}

  static void wipe(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }

  /** Copies Bronze as it is into another namespace so a full rebuild can run beside the incremental tables. */
  static TableLayout copyBronze(SparkSession spark, TableLayout from, String namespace) {
    TableLayout to = from.inNamespace(namespace);
    io.userflow.jobs.spark.IcebergTables.copy(spark, from.sparkName(from.bronze()), to.sparkName(to.bronze()));
    return to;
  }
}
