package io.userflow.jobs.spark;

import io.userflow.core.iceberg.CatalogSettings;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every stage uses: Iceberg extensions, the userflow catalog, UTC, quiet UI. */
public final class Sessions {
  private Sessions() {}

  /**
   * @param master {@code local[2]} for local runs and tests; null under spark-submit (the spark-operator sets it)
   */
  public static SparkSession create(String appName, CatalogSettings catalog, String master) {
    io.userflow.core.iceberg.Catalogs.prepareLocalFolder(catalog);
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (master != null) {
      b.master(master)
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4");
    }
    b.config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.catalog." + catalog.name(), "org.apache.iceberg.spark.SparkCatalog");
    // every stage reads the snapshot it planned from; a cached table object could predate a streaming commit
    b.config("spark.sql.catalog." + catalog.name() + ".cache-enabled", "false");
    for (Map.Entry<String, String> e : catalog.catalogProperties().entrySet()) {
      b.config("spark.sql.catalog." + catalog.name() + "." + e.getKey(), e.getValue());
    }
    if (catalog.storage() != null) {
      // an s3a:// warehouse set up in this process (tests, local runs); on Kubernetes the SparkApplication's
      // sparkConf carries the same keys and the pods' environment the access keys
      catalog.storage().hadoopProperties().forEach((key, value) -> b.config("spark.hadoop." + key, value));
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
