package io.userflow.jobs.testing;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class on one local[2] SparkSession with the {@code userflow} catalog on SQLite in the class's temp dir,
 * started before its first test and stopped after its last.
 */
public abstract class LocalSparkTest {
  @TempDir protected static Path dir;
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSession.start(dir, "userflow");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}
