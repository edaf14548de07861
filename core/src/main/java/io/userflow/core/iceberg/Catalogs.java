package io.userflow.core.iceberg;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** Opens an Iceberg catalog from {@link CatalogSettings} without Spark. */
public final class Catalogs {
  private Catalogs() {}

  public static Catalog open(CatalogSettings settings) {
    Map<String, String> props = new HashMap<>(settings.catalogProperties());
    props.remove("type");
    props.put(CatalogProperties.CATALOG_IMPL, "org.apache.iceberg.jdbc.JdbcCatalog");
    return CatalogUtil.buildIcebergCatalog(settings.name(), props, new Configuration());
  }
}
