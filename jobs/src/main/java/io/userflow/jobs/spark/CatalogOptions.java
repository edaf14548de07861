package io.userflow.jobs.spark;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Catalog and table options every stage takes (a picocli mixin; unknown options are rejected by picocli). */
public class CatalogOptions {
  @Option(names = JobOptions.CATALOG_NAME, defaultValue = TableLayout.DEFAULT_CATALOG, description = "Iceberg catalog name")
  public String catalogName;

  @Option(names = JobOptions.CATALOG_URI, description = "JDBC URI of the Iceberg catalog; default: SQLite file under --local-dir")
  public String catalogUri;

  @Option(names = JobOptions.WAREHOUSE, description = "Warehouse root URI; default: warehouse/ under --local-dir")
  public String warehouse;

  @Option(names = "--catalog-user", description = "JDBC user (or env USERFLOW_CATALOG_USER)")
  public String catalogUser = System.getenv(JobOptions.CATALOG_USER_ENV);

  @Option(names = "--catalog-password", description = "JDBC password (prefer env USERFLOW_CATALOG_PASSWORD)")
  public String catalogPassword = System.getenv(JobOptions.CATALOG_PASSWORD_ENV);

  /** Local runs only: where the SQLite catalog, warehouse and checkpoints live when --catalog-uri is absent. */
  public static final String LOCAL_DIR = "--local-dir";
  public static final String LOCAL_DIR_DEFAULT = "target/userflow-local";

  @Option(names = LOCAL_DIR, defaultValue = LOCAL_DIR_DEFAULT, description = "Local catalog root when --catalog-uri is absent")
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
    if (catalogUri == null) {
      CatalogSettings local = CatalogSettings.local(catalogName, localDir);
      return warehouse == null ? local : new CatalogSettings(catalogName, local.uri(), warehouse, null, null);
    }
    if (warehouse == null) {
      throw new IllegalArgumentException("--warehouse is required with --catalog-uri");
    }
    return new CatalogSettings(catalogName, catalogUri, warehouse, catalogUser, catalogPassword);
  }

  public TableLayout layout() {
    return new TableLayout(catalogName, namespace, bronzeTable, silverTable, rejectsTable, goldDailyTable, goldRollingTable);
  }
}
