package io.userflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.userflow.deploy.helm.Charts;
import io.userflow.deploy.helm.StackChartCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Trino catalog file the stack chart ships to kind (ConfigMap {@code userflow-trino-catalog}), rendered by Helm,
 * with only its two in-cluster addresses pointed at this machine: the PostgreSQL JDBC URL and the S3 endpoint.
 * Everything else (connector, catalog name, native S3 settings, secrets read from the environment) is the chart's.
 */
final class KindTrinoCatalog {
  static final String CONFIG_MAP = "userflow-trino-catalog";

  private KindTrinoCatalog() {}

  /** Catalog name → file content, as the chart renders it, then re-addressed. */
  static Map.Entry<String, String> render(Path tempDir, String jdbcUrl, String s3Endpoint) {
    Map.Entry<String, String> file = render(tempDir, Map.of(), s3Endpoint);
    return Map.entry(file.getKey(), replace(file.getValue(), "iceberg.jdbc-catalog.connection-url", jdbcUrl));
  }

  /** As the chart renders it with {@code values} (e.g. a REST catalog's), the S3 endpoint pointed at this machine. */
  static Map.Entry<String, String> render(Path tempDir, Map<String, Object> values, String s3Endpoint) {
    Map<String, Object> all = new java.util.HashMap<>(values);
    all.put("spark-operator.enabled", "false");
    String rendered = Charts.template(StackChartCopy.create(tempDir), all);
    Map.Entry<String, JsonNode> file = catalogFile(rendered);
    String name = file.getKey().substring(0, file.getKey().length() - ".properties".length());
    return Map.entry(name, replace(file.getValue().asText(), "s3.endpoint", s3Endpoint));
  }

  private static Map.Entry<String, JsonNode> catalogFile(String rendered) {
    try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(rendered)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && "ConfigMap".equals(doc.path("kind").asText())
            && CONFIG_MAP.equals(doc.path("metadata").path("name").asText())) {
          Iterator<Map.Entry<String, JsonNode>> files = doc.path("data").fields();
          while (files.hasNext()) {
            Map.Entry<String, JsonNode> f = files.next();
            if (f.getKey().endsWith(".properties")) {
              return f;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the rendered stack chart", e);
    }
    throw new IllegalStateException("the stack chart renders no ConfigMap " + CONFIG_MAP + " with a .properties file");
  }

  private static String replace(String properties, String key, String value) {
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(key) + "=.*$");
    if (!line.matcher(properties).find()) {
      throw new IllegalStateException("the chart's Trino catalog has no " + key + ":\n" + properties);
    }
    return line.matcher(properties).replaceFirst(Matcher.quoteReplacement(key + "=" + value));
  }
}
