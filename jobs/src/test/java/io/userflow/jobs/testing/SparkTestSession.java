package io.userflow.jobs.testing;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.jobs.spark.Sessions;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession per test class, on an SQLite JDBC catalog in the class's temp dir. */
public final class SparkTestSession {
  private SparkTestSession() {}

  public static SparkSession start(Path dir, String catalogName) {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    return Sessions.create("test", CatalogSettings.local(catalogName, dir), "local[2]");
  }
}
