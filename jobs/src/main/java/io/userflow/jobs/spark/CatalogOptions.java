package io.userflow.jobs.spark;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Catalog and table options every stage takes (a picocli mixin; unknown options are rejected by picocli). */
public class CatalogOptions {
  @Option(names = JobOptions.CATALOG_NAME, defaultValue = TableLayout.DEFAULT_CATALOG, description = "Iceberg catalog name")
  public String catalogName;

  /** Which catalog and how to reach it (shared with ./userflow show, which has no stage options). */
  @Mixin public CatalogConnectionOptions connection = new CatalogConnectionOptions();

  /** Local runs only: where the SQLite catalog, warehouse and checkpoints live when --catalog-uri is absent. */
  public static final String LOCAL_DIR = "--local-dir";
  public static final String LOCAL_DIR_DEFAULT = "target/userflow-local";

  @Option(names = LOCAL_DIR, defaultValue = LOCAL_DIR_DEFAULT, description = "Local catalog root when --catalog-uri is absent (and checkpoints)")
  public Path localDir;

  @Option(names = JobOptions.NAMESPACE, defaultValue = TableLayout.DEFAULT_NAMESPACE, description = "Namespace of all tables")
  public String namespace;

  @Option(names = JobOptions.BRONZE_TABLE, defaultValue = TableLayout.DEFAULT_BRONZE)
  public String bronzeTable;

  @Option(names = JobOptions.SILVER_TABLE, defaultValue = TableLayout.DEFAULT_SILVER)
  public String silverTable;

  @Option(names = JobOptions.REJECTS_TABLE, defaultValue = TableLayout.DEFAULT_REJECTS)
  public String rejectsTable;

  @Option(names = JobOptions.GOLD_DAILY_TABLE, defaultValue = TableLayout.DEFAULT_GOLD_DAILY)
  public String goldDailyTable;

  @Option(names = JobOptions.GOLD_ROLLING_TABLE, defaultValue = TableLayout.DEFAULT_GOLD_ROLLING)
  public String goldRollingTable;

  @Option(names = "--master", description = "Spark master for local runs, e.g. local[2]; leave out under spark-submit")
  public String master;

  public CatalogSettings catalog() {
    return connection.settings(catalogName, localDir);
  }

  public TableLayout layout() {
    return new TableLayout(catalogName, namespace, bronzeTable, silverTable, rejectsTable, goldDailyTable, goldRollingTable);
  }
}
