package io.userflow.jobs.pipeline;

import io.userflow.core.layout.TableLayout;
import io.userflow.jobs.spark.CommitBoundary;
import io.userflow.jobs.testing.SparkTestSession;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** The crash-point sweep on the JDBC catalog (SQLite), at every boundary. */
class CommitBoundaryCrashIT extends CommitBoundaryCrashSweep {
  @Override
  SparkSession session() {
    return SparkTestSession.start(dir.resolve("lake"), TableLayout.DEFAULT_CATALOG);
  }

  @Override
  List<String> catalogOptions() {
    return List.of("--local-dir", dir.resolve("lake").toString());
  }

  @Override
  Stream<CommitBoundary> boundaries() {
    return Stream.of(CommitBoundary.values());
  }
}
