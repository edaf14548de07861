package io.userflow.jobs.spark;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.CatalogType;
import io.userflow.core.iceberg.RestCatalogSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which Iceberg catalog and how to reach it: JDBC (a URI, user and password, or the local SQLite file) or REST (a
 * URI, prefix, OAuth2 client credentials or a token from the environment, headers, vended credentials). A picocli
 * mixin of every stage (through {@link CatalogOptions}) and of {@code ./userflow show}; core's {@link CatalogSettings}
 * turns it into the catalog properties.
 */
public class CatalogConnectionOptions {
  @Option(names = JobOptions.CATALOG_TYPE, defaultValue = JobOptions.CATALOG_TYPE_DEFAULT,
      description = "Iceberg catalog type: jdbc or rest")
  public String catalogType;

  @Option(names = JobOptions.CATALOG_URI, description = "JDBC URI of the Iceberg catalog (default: SQLite file under"
      + " --local-dir), or the REST catalog's base URI with --catalog-type rest")
  public String catalogUri;

  @Option(names = JobOptions.CATALOG_PREFIX, description = "REST: the catalog's path prefix; default: the server's own")
  public String catalogPrefix;

  @Option(names = JobOptions.CATALOG_OAUTH2_SERVER_URI, description = "REST: OAuth2 token endpoint; default: the catalog's own")
  public String catalogOauth2ServerUri;

  @Option(names = JobOptions.CATALOG_HEADER, description = "REST: extra HTTP header Name=value on every catalog request; repeatable")
  public Map<String, String> catalogHeaders = new LinkedHashMap<>();

  @Option(names = JobOptions.CATALOG_VENDED_CREDENTIALS, arity = "0..1",
      description = "REST: ask the server for per-table storage credentials (X-Iceberg-Access-Delegation); off without")
  public boolean catalogVendedCredentials;

  /** REST: OAuth2 client credentials client_id:client_secret (env only, like the JDBC password). */
  public String catalogCredential = System.getenv(JobOptions.CATALOG_CREDENTIAL_ENV);

  /** REST: a bearer token (env only). */
  public String catalogToken = System.getenv(JobOptions.CATALOG_TOKEN_ENV);

  @Option(names = JobOptions.WAREHOUSE, description = "Warehouse root URI; default: warehouse/ under --local-dir")
  public String warehouse;

  @Option(names = "--catalog-user", description = "JDBC user (or env USERFLOW_CATALOG_USER)")
  public String catalogUser = System.getenv(JobOptions.CATALOG_USER_ENV);

  @Option(names = "--catalog-password", description = "JDBC password (prefer env USERFLOW_CATALOG_PASSWORD)")
  public String catalogPassword = System.getenv(JobOptions.CATALOG_PASSWORD_ENV);

  /** The catalog's settings; a JDBC catalog without {@code --catalog-uri} is the SQLite file under {@code localDir}. */
  public CatalogSettings settings(String catalogName, Path localDir) {
    if (CatalogType.of(catalogType) == CatalogType.REST) {
      if (catalogUri == null || warehouse == null) {
        throw new IllegalArgumentException("--catalog-uri and --warehouse are required with --catalog-type rest");
      }
      return CatalogSettings.rest(catalogName, catalogUri, warehouse, new RestCatalogSettings(catalogPrefix,
          catalogCredential, catalogToken, catalogOauth2ServerUri, null, catalogHeaders, catalogVendedCredentials), null);
    }
    if (catalogUri == null) {
      CatalogSettings local = CatalogSettings.local(catalogName, localDir);
      return warehouse == null ? local : new CatalogSettings(catalogName, local.uri(), warehouse, null, null);
    }
    if (warehouse == null) {
      throw new IllegalArgumentException("--warehouse is required with --catalog-uri");
    }
    return new CatalogSettings(catalogName, catalogUri, warehouse, catalogUser, catalogPassword);
  }
}
