package io.userflow.core.iceberg;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * Opens an Iceberg catalog (JDBC or REST) from {@link CatalogSettings} without Spark; an S3 warehouse is read with
 * S3FileIO.
 */
public final class Catalogs {
  private Catalogs() {}

  public static Catalog open(CatalogSettings settings) {
    return open(settings, Map.of());
  }

  /** As {@link #open(CatalogSettings)}, with {@code extra} catalog properties (e.g. client timeouts) added. */
  public static Catalog open(CatalogSettings settings, Map<String, String> extra) {
    prepareLocalFolder(settings);
    Map<String, String> props = new HashMap<>(settings.catalogProperties());
    props.remove("type");
    props.putAll(settings.fileIoProperties());
    props.putAll(extra);
    props.put(CatalogProperties.CATALOG_IMPL, settings.type().catalogImpl());
    return CatalogUtil.buildIcebergCatalog(settings.name(), props, new Configuration());
  }

  /** SQLite creates the database file but not its folder (the default local dir on a first run); this does. */
  public static void prepareLocalFolder(CatalogSettings settings) {
    String prefix = "jdbc:sqlite:";
    if (settings.uri().startsWith(prefix)) {
      java.nio.file.Path parent = java.nio.file.Path.of(settings.uri().substring(prefix.length())).toAbsolutePath().getParent();
      try {
        java.nio.file.Files.createDirectories(parent);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create the local catalog folder " + parent, e);
      }
    }
  }
}
