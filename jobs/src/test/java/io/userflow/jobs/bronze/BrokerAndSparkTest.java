package io.userflow.jobs.bronze;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.devkit.broker.LocalBroker;
import io.userflow.devkit.broker.SharedBroker;
import io.userflow.jobs.testing.SparkTestSession;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Bronze in this JVM: the JVM's shared real broker, and one local Spark session on an SQLite catalog per class. */
abstract class BrokerAndSparkTest {
  static final TableLayout LAYOUT = TableLayout.defaults();
  @TempDir static Path dir;
  static SparkSession spark;
  static LocalBroker broker;
  static CatalogSettings catalog;

  @BeforeAll
  static void startBrokerAndSpark() {
    broker = SharedBroker.get();
    catalog = CatalogSettings.local(LAYOUT.catalog(), dir);
    spark = SparkTestSession.start(dir, LAYOUT.catalog());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}
