package io.userflow.devkit.restcatalog;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.core.iceberg.RestCatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.process.ChildProcess;
import io.userflow.process.ChildProcesses;
import io.userflow.process.JavaCommand;
import io.userflow.process.LibClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Iceberg REST catalog on 127.0.0.1: Iceberg's own REST catalog (its {@code RESTCatalogAdapter} over Jetty,
 * jars from the restcatalog service module, Iceberg 1.11.0 in a JVM of its own) in front of a JdbcCatalog on an
 * SQLite file in {@code dataDir}, warehouse {@code dataDir/warehouse}. Clients sign in with OAuth2 client credentials
 * ({@link #CLIENT_ID}:{@link #CLIENT_SECRET}) at the server's {@code v1/oauth/tokens} and send the bearer token it
 * issues; the server refuses a wrong secret and any request without that token with 401.
 */
public final class LocalRestCatalog implements AutoCloseable {
  /** System property naming the server's lib dir (the test plugins and ./userflow set it). */
  public static final String LIB_PROPERTY = "userflow.restcatalog.lib";
  public static final String CLIENT_ID = "userflow-local";
  public static final String CLIENT_SECRET = "userflow-local-secret";
  private static final String MAIN = "io.userflow.services.restcatalog.AuthenticatedRestCatalogServer";
  private static final long START_TIMEOUT_NANOS = 90_000_000_000L;

  private final String host;
  private final int port;
  private final Path dataDir;
  private final String warehouse;
  private final boolean vends;
  private final ChildProcess process;

  private LocalRestCatalog(String host, int port, Path dataDir, String warehouse, boolean vends,
      ChildProcess process) {
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
    this.warehouse = warehouse;
    this.vends = vends;
    this.process = process.stopOnExit();
  }

  /** Starts the server on a catalog in {@code dataDir} (kept: a second start there sees the same tables). */
  public static LocalRestCatalog start(Path dataDir) {
    return start(dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/restcatalog"));
  }

  public static LocalRestCatalog start(Path dataDir, Path libDir) {
    return start("127.0.0.1", dataDir, libDir, null, null, false);
  }

  /**
   * Starts the server with its warehouse at {@code s3Warehouse} (an s3a:// URI) on the S3 API {@code storage} names
   * (endpoint and keys, which the server writes with); with {@code vend} it hands those keys to clients that ask for
   * vended credentials, so they need none of their own.
   */
  public static LocalRestCatalog startOnS3(Path dataDir, String s3Warehouse, ObjectStorage storage, boolean vend) {
    return startOnS3("127.0.0.1", dataDir, s3Warehouse, storage, vend);
  }

  /**
   * As {@link #startOnS3(Path, String, ObjectStorage, boolean)}, listening on {@code host} instead of 127.0.0.1: an
   * address of this host that clients which cannot reach 127.0.0.1 use, such as pods on a node's bridge address.
   */
  public static LocalRestCatalog startOnS3(String host, Path dataDir, String s3Warehouse, ObjectStorage storage,
      boolean vend) {
    return start(host, dataDir, ChildProcesses.libDir(LIB_PROPERTY, "services/restcatalog"), s3Warehouse, storage,
        vend);
  }

  private static LocalRestCatalog start(String host, Path dataDir, Path libDir, String s3Warehouse,
      ObjectStorage storage, boolean vend) {
    ChildProcesses.requireLib(libDir, "userflow-restcatalog-", "Iceberg REST catalog server", "services/restcatalog",
        LIB_PROPERTY);
    long t0 = System.nanoTime();
    Path dir = dataDir.toAbsolutePath();
    try {
      Files.createDirectories(dir.resolve("warehouse"));
      int port = ChildProcesses.freePort();
      List<String> jvm = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
      ProcessBuilder builder = new ProcessBuilder(new JavaCommand(jvm, LibClasspath.of(libDir), MAIN, List.of()).command());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(key -> key.startsWith("CATALOG_")); // the server reads its whole config from CATALOG_*
      env.put("CATALOG_URI", "jdbc:sqlite:" + dir.resolve("catalog.db"));
      String warehouse = s3Warehouse != null ? s3Warehouse : warehouse(dir);
      env.put("CATALOG_WAREHOUSE", warehouse);
      if (storage != null) {
        env.put("USERFLOW_S3_ENDPOINT", storage.endpoint());
        env.put("USERFLOW_S3_REGION", storage.region());
        env.put("AWS_ACCESS_KEY_ID", storage.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", storage.secretAccessKey());
        env.put("USERFLOW_S3_VEND", Boolean.toString(vend));
      }
      env.put("CATALOG_JDBC_SCHEMA__VERSION", "V1");
      env.put("CATALOG_CLIENTS", "1"); // SQLite allows one writer, as in CatalogSettings' JDBC properties
      env.put("CATALOG_REST_PORT", Integer.toString(port));
      env.put("USERFLOW_REST_HOST", host);
      env.put("USERFLOW_REST_CLIENT_ID", CLIENT_ID);
      env.put("USERFLOW_REST_CLIENT_SECRET", CLIENT_SECRET);
      // its JDBC rows under the pipeline's catalog name: once the server is gone, the JDBC catalog reads the same file
      env.put("CATALOG_CATALOG_NAME", TableLayout.DEFAULT_CATALOG);
      ChildProcess process = ChildProcess.start("Iceberg REST catalog server", builder, dir.resolve("rest-catalog.log"));
      try {
        process.awaitPort(host, port, t0 + START_TIMEOUT_NANOS);
      } catch (RuntimeException | InterruptedException e) {
        process.close();
        throw e;
      }
      LocalRestCatalog catalog = new LocalRestCatalog(host, port, dir, warehouse, storage != null && vend, process);
      System.err.printf("REST catalog (Iceberg's RESTCatalogAdapter, OAuth2) ready on %s in %.1f s, catalog %s%n", catalog.uri(),
          (System.nanoTime() - t0) / 1e9, dir.resolve("catalog.db"));
      return catalog;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local REST catalog in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local REST catalog", e);
    }
  }

  private static String warehouse(Path dir) {
    return dir.resolve("warehouse").toUri().toString();
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:41234}. */
  public String uri() {
    return "http://" + host + ":" + port;
  }

  /** The server's JDBC store, readable as a JDBC catalog named {@link TableLayout#DEFAULT_CATALOG} once it stopped. */
  public String storeUri() {
    return "jdbc:sqlite:" + dataDir.resolve("catalog.db");
  }

  /** The warehouse the server writes tables under (a local folder, or the s3a:// URI it was started with). */
  public String warehouse() {
    return warehouse;
  }

  /**
   * How the pipeline reaches this server: REST, OAuth2 client credentials, no prefix; asking for vended credentials
   * when the server vends them (then the settings carry no storage keys: the server hands them over per table).
   */
  public CatalogSettings settings(String catalogName) {
    return settings(catalogName, null);
  }

  /** As {@link #settings(String)}, with the client's own keys for the tables' files ({@code null}: none). */
  public CatalogSettings settings(String catalogName, ObjectStorage storage) {
    return CatalogSettings.rest(catalogName, uri(), warehouse(), new RestCatalogSettings(null,
        CLIENT_ID + ":" + CLIENT_SECRET, null, null, null, Map.of(), vends), storage);
  }

  @Override
  public void close() {
    process.close();
  }
}
