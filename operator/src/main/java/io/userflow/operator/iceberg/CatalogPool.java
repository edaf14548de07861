package io.userflow.operator.iceberg;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.jboss.logging.Logger;

/**
 * The catalogs the operator holds open, one per catalog a pipeline names ({@link CatalogSettings#withoutSecrets}):
 * a rotated password or key closes the catalog opened with the old one and opens a new one; a catalog no pipeline
 * asked for in {@link #IDLE} (a changed spec, a deleted pipeline) is closed. Every client has connect and read
 * timeouts ({@link #timeouts}), so an unreachable catalog or store fails a reconcile instead of holding it.
 */
final class CatalogPool implements Closeable {
  private static final Logger LOG = Logger.getLogger(CatalogPool.class);
  /** How long an unused catalog stays open: longer than the pipelines' resync, so a live pipeline keeps its own. */
  static final Duration IDLE = Duration.ofMinutes(10);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private record Open(CatalogSettings settings, Catalog catalog) {}

  private final Cache<CatalogSettings, Open> open;
  private final Function<CatalogSettings, Catalog> opener;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  CatalogPool() {
    this(null, CONNECT_TIMEOUT, READ_TIMEOUT, com.github.benmanes.caffeine.cache.Ticker.systemTicker());
  }

  /**
   * @param opener opens a catalog (tests count what is opened and closed); null: Iceberg's, with {@link #timeouts}
   */
  CatalogPool(Function<CatalogSettings, Catalog> opener, Duration connectTimeout, Duration readTimeout,
      com.github.benmanes.caffeine.cache.Ticker ticker) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.opener = opener != null ? opener : settings -> Catalogs.open(settings, timeouts(settings));
    // the removal listener closes on the calling thread, not on a pool thread some time later
    this.open = Caffeine.newBuilder().expireAfterAccess(IDLE).executor(Runnable::run).ticker(ticker)
        .removalListener((CatalogSettings key, Open value, RemovalCause cause) -> {
          if (value != null) {
            close(value.catalog());
          }
        }).build();
  }

  /** The open catalog for {@code settings}; replaces one opened with other secrets. */
  synchronized Catalog get(CatalogSettings settings) {
    CatalogSettings key = settings.withoutSecrets();
    Open current = open.getIfPresent(key);
    if (current != null && current.settings().equals(settings)) {
      return current.catalog();
    }
    Open fresh = new Open(settings, opener.apply(settings));
    open.put(key, fresh); // the replaced one is closed by the removal listener
    return fresh.catalog();
  }

  /** Closes and forgets the catalog for {@code settings}, e.g. after it failed. */
  synchronized void evict(CatalogSettings settings) {
    open.invalidate(settings.withoutSecrets());
  }

  /** How many catalogs are open; runs pending expiries first. */
  long size() {
    open.cleanUp();
    return open.estimatedSize();
  }

  /** Timeouts by client: the REST catalog's HTTP client, PostgreSQL's JDBC driver, S3FileIO's HTTP client. */
  Map<String, String> timeouts(CatalogSettings settings) {
    Map<String, String> t = new HashMap<>();
    t.put("rest.client.connection-timeout-ms", Long.toString(connectTimeout.toMillis()));
    t.put("rest.client.socket-timeout-ms", Long.toString(readTimeout.toMillis()));
    if (settings.uri().startsWith("jdbc:postgresql:")) {
      // the driver's own properties, in seconds, passed through the JdbcCatalog's jdbc. prefix
      t.put("jdbc.connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
      t.put("jdbc.socketTimeout", Long.toString(Math.max(1, readTimeout.toSeconds())));
    }
    t.put("http-client.urlconnection.connection-timeout-ms", Long.toString(connectTimeout.toMillis()));
    t.put("http-client.urlconnection.socket-timeout-ms", Long.toString(readTimeout.toMillis()));
    return t;
  }

  private static void close(Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.warnf("closing catalog %s: %s", catalog.name(), e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    open.invalidateAll();
    open.cleanUp();
  }
}
