package io.userflow.operator.validate;

import io.userflow.core.events.EventDeclarationException;
import io.userflow.core.features.FeatureDefinitionException;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.core.iceberg.RestCatalogSettings;
import io.userflow.operator.api.spec.BatchSpec;
import io.userflow.operator.api.spec.CatalogSpec;
import io.userflow.operator.api.spec.CatalogType;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.KafkaSourceSpec;
import io.userflow.operator.api.spec.ObjectStorageSpec;
import io.userflow.operator.api.spec.Patterns;
import io.userflow.operator.api.spec.SecretCredentials;
import io.userflow.operator.api.spec.SecretKeySpec;
import io.userflow.operator.api.spec.SparkResources;
import io.userflow.operator.api.spec.StreamingSpec;
import io.userflow.operator.api.spec.TablesSpec;
import io.userflow.operator.iceberg.Layouts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a FeaturePipeline spec with the same rules as the CRD schema, because the API server is not the only way
 * in (older CRDs, the mock server, edits by controllers) and a table name ends up in SQL.
 */
public final class PipelineValidator {
  private PipelineValidator() {}

  /**
   * Whether the pipeline's applications may run: a valid spec the operator's allow-lists accept. The pipeline, its
   * Reprocesses and its TrainingSets all ask this, since all of them run the pipeline's image and ServiceAccount.
   */
  public static boolean runnable(FeaturePipelineSpec spec, AllowLists allowLists) {
    return validate(spec).isEmpty() && allowLists.refusals(spec).isEmpty();
  }

  public static List<String> validate(FeaturePipelineSpec spec) {
    return Problems.of(spec, (p, s) -> {
      source(p, s.source);
      catalog(p, s.catalog);
      storage(p, s);
      tables(p, s.tables);
      streaming(p, s.streaming);
      batch(p, s.batch);
      features(p, s);
    });
  }

  /**
   * The event declaration and every declared group parsed and type-checked, as Silver and Gold will: a problem names
   * the field, or the group, feature and position.
   */
  private static void features(Problems p, FeaturePipelineSpec s) {
    if (s.events != null) {
      try {
        Layouts.events(s);
      } catch (EventDeclarationException e) {
        p.add("spec.events: " + e.getMessage());
        return;
      }
    }
    if (s.features == null || s.tables == null || s.catalog == null) {
      return;
    }
    try {
      Layouts.declared(s);
    } catch (FeatureDefinitionException e) {
      p.add("spec.features: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // the table names are refused under spec.tables already
    }
  }

  private static void source(Problems p, KafkaSourceSpec source) {
    if (p.require("spec.source", source)) {
      p.match("spec.source.bootstrapServers", source.bootstrapServers, Patterns.BOOTSTRAP_SERVERS);
      p.match("spec.source.topic", source.topic, Patterns.TOPIC);
      p.match("spec.source.startingOffsets", source.startingOffsets, Patterns.STARTING_OFFSETS);
      credentials(p, "spec.source.credentials", source.credentials);
      security(p, source);
    }
  }

  /** The same rules as the CRD's CEL rules on spec.source. */
  private static void security(Problems p, KafkaSourceSpec source) {
    if (!p.require("spec.source.securityProtocol", source.securityProtocol)) {
      return;
    }
    if (source.securityProtocol.sasl()) {
      p.require("spec.source.saslMechanism", source.saslMechanism);
      p.require("spec.source.credentials (securityProtocol " + source.securityProtocol + " uses SASL)",
          source.credentials);
    } else if (source.credentials != null) {
      p.add("spec.source.credentials need securityProtocol SASL_PLAINTEXT or SASL_SSL, got: "
          + source.securityProtocol);
    }
    if (source.tls != null) {
      if (!source.securityProtocol.tls()) {
        p.add("spec.source.tls needs securityProtocol SSL or SASL_SSL, got: " + source.securityProtocol);
      }
      p.match("spec.source.tls.caSecretName", source.tls.caSecretName, Patterns.OBJECT_NAME);
      p.match("spec.source.tls.caKey", source.tls.caKey, Patterns.SECRET_KEY);
    }
  }

  /** The same rules as the CRD's CEL rules on spec.catalog: which settings apply to which catalog type. */
  private static void catalog(Problems p, CatalogSpec catalog) {
    if (!p.require("spec.catalog", catalog) || !p.require("spec.catalog.type", catalog.type)) {
      return;
    }
    boolean rest = catalog.type == CatalogType.rest;
    p.match("spec.catalog.uri", catalog.uri, rest ? Patterns.HTTP_URI : Patterns.JDBC_URI);
    if (!rest && catalog.uri != null) {
      jdbcParameters(p, catalog.uri);
    }
    p.match("spec.catalog.warehouse", catalog.warehouse, rest ? Patterns.WAREHOUSE : Patterns.STORAGE_URI);
    p.match("spec.catalog.name", catalog.name, Patterns.IDENTIFIER);
    credentials(p, "spec.catalog.credentials", catalog.credentials);
    if (rest) {
      restCatalog(p, catalog);
      return;
    }
    List<String> restOnly = new ArrayList<>();
    String[] names = {"prefix", "oauth2Credential", "token", "oauth2ServerUri", "headers", "vendedCredentials"};
    Object[] values = {catalog.prefix, catalog.oauth2Credential, catalog.token, catalog.oauth2ServerUri,
        catalog.headers, catalog.vendedCredentials};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        restOnly.add("spec.catalog." + names[i]);
      }
    }
    if (!restOnly.isEmpty()) {
      p.add(String.join(", ", restOnly) + " apply to catalog type rest only, got type: jdbc");
    }
  }

  /**
   * The PostgreSQL driver's URL parameters the operator and the jobs accept. Others can make the driver load a class
   * of the author's choosing (socketFactory, sslfactory, sslhostnameverifier, authenticationPluginClassName), write
   * files (loggerFile) or connect elsewhere, in the operator's process with the opted-in credentials.
   */
  static final java.util.Set<String> JDBC_PARAMETERS = java.util.Set.of("sslmode", "ssl", "currentSchema",
      "ApplicationName", "connectTimeout", "socketTimeout", "loginTimeout", "tcpKeepAlive", "targetServerType",
      "readOnly", "prepareThreshold");

  private static void jdbcParameters(Problems p, String uri) {
    int q = uri.indexOf('?');
    if (q < 0) {
      return;
    }
    for (String pair : uri.substring(q + 1).split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!name.isEmpty() && !JDBC_PARAMETERS.contains(name)) {
        p.add("spec.catalog.uri has the JDBC parameter " + name + ", which the operator does not pass to a driver; "
            + "allowed: " + new java.util.TreeSet<>(JDBC_PARAMETERS));
      }
    }
  }

  private static void restCatalog(Problems p, CatalogSpec catalog) {
    if (catalog.credentials != null) {
      p.add("spec.catalog.credentials (user and password) apply to catalog type jdbc only; a rest catalog takes "
          + "spec.catalog.oauth2Credential or spec.catalog.token");
    }
    if (catalog.prefix != null) {
      p.match("spec.catalog.prefix", catalog.prefix, Patterns.CATALOG_PREFIX);
    }
    secretKey(p, "spec.catalog.oauth2Credential", catalog.oauth2Credential);
    secretKey(p, "spec.catalog.token", catalog.token);
    if (catalog.oauth2Credential != null && catalog.token != null) {
      p.add("spec.catalog.oauth2Credential and spec.catalog.token: a rest catalog takes one of the two, not both");
    }
    if (catalog.oauth2ServerUri != null) {
      p.match("spec.catalog.oauth2ServerUri", catalog.oauth2ServerUri, Patterns.HTTP_URI);
      if (catalog.oauth2Credential == null && catalog.token == null) {
        p.add("spec.catalog.oauth2ServerUri needs spec.catalog.oauth2Credential or spec.catalog.token");
      }
    }
    if (catalog.headers != null) {
      if (catalog.headers.size() > CatalogSpec.MAX_HEADERS) {
        p.add("spec.catalog.headers may hold at most " + CatalogSpec.MAX_HEADERS + " headers, got: " + catalog.headers.size());
      }
      catalog.headers.forEach((name, value) -> {
        p.match("spec.catalog.headers name", name, Patterns.HTTP_HEADER_NAME);
        p.require("spec.catalog.headers." + name, value);
        if (RestCatalogSettings.ACCESS_DELEGATION_HEADER.equalsIgnoreCase(name)) {
          p.add("spec.catalog.headers." + name + ": ask for vended credentials with spec.catalog.vendedCredentials");
        }
      });
    }
    if (catalog.vendsCredentials() && catalog.storage != null && catalog.storage.credentials != null) {
      p.add("spec.catalog.storage.credentials must be unset with spec.catalog.vendedCredentials: the server hands "
          + "out each table's storage credentials and the Spark pods get no S3 keys");
    }
  }

  private static void storage(Problems p, FeaturePipelineSpec spec) {
    ObjectStorageSpec storage = spec.catalog == null ? null : spec.catalog.storage;
    if (storage == null) {
      return;
    }
    p.match("spec.catalog.storage.endpoint", storage.endpoint, Patterns.HTTP_ENDPOINT);
    p.match("spec.catalog.storage.region", storage.region, Patterns.REGION);
    if (storage.credentials != null) {
      p.match("spec.catalog.storage.credentials.secretName", storage.credentials.secretName, Patterns.OBJECT_NAME);
      p.match("spec.catalog.storage.credentials.accessKeyIdKey", storage.credentials.accessKeyIdKey,
          Patterns.SECRET_KEY);
      p.match("spec.catalog.storage.credentials.secretAccessKeyKey", storage.credentials.secretAccessKeyKey,
          Patterns.SECRET_KEY);
    }
    String checkpoint = spec.streaming == null ? null : spec.streaming.checkpointLocation;
    if (!isS3(spec.catalog.warehouse) && !isS3(checkpoint)) {
      p.add("spec.catalog.storage is set, but neither spec.catalog.warehouse nor spec.streaming.checkpointLocation "
          + "is an s3a:// URI; remove storage or move the warehouse to s3a://<bucket>/");
    }
  }

  private static boolean isS3(String location) {
    try {
      return ObjectStorage.isS3(location);
    } catch (IllegalArgumentException e) {
      return false; // not a URI: reported by its own pattern check
    }
  }

  private static void tables(Problems p, TablesSpec t) {
    if (!p.require("spec.tables", t)) {
      return;
    }
    p.match("spec.tables.namespace", t.namespace, Patterns.IDENTIFIER);
    String[][] named = {{"bronze", t.bronze}, {"silver", t.silver}, {"rejects", t.rejects},
        {"goldDaily", t.goldDaily}, {"goldRolling", t.goldRolling}};
    Set<String> seen = new HashSet<>();
    for (String[] table : named) {
      p.match("spec.tables." + table[0], table[1], Patterns.IDENTIFIER);
      if (table[1] != null && !seen.add(table[1])) {
        p.add("spec.tables." + table[0] + " reuses table name " + table[1] + "; every layer needs its own table");
      }
    }
  }

  private static void streaming(Problems p, StreamingSpec s) {
    if (!p.require("spec.streaming", s)) {
      return;
    }
    p.match("spec.streaming.image", s.image, Patterns.IMAGE);
    p.match("spec.streaming.transformVersion", s.transformVersion, Patterns.TRANSFORM_VERSION);
    p.match("spec.streaming.checkpointLocation", s.checkpointLocation, Patterns.STORAGE_URI);
    p.match("spec.streaming.triggerInterval", s.triggerInterval, Patterns.TRIGGER_INTERVAL);
    p.match("spec.streaming.applicationFile", s.applicationFile, Patterns.STORAGE_URI);
    p.match("spec.streaming.sparkVersion", s.sparkVersion, Patterns.SPARK_VERSION);
    p.match("spec.streaming.serviceAccount", s.serviceAccount, Patterns.OBJECT_NAME);
    p.range("spec.streaming.runAsUser", s.runAsUser, 1, Integer.MAX_VALUE);
    resources(p, "spec.streaming.driver", s.driver);
    resources(p, "spec.streaming.executor", s.executor);
  }

  private static void batch(Problems p, BatchSpec b) {
    if (!p.require("spec.batch", b)) {
      return;
    }
    p.range("spec.batch.sessionGapMinutes", b.sessionGapMinutes, 1, 1440);
    p.range("spec.batch.rejectRatioThreshold", b.rejectRatioThreshold, 0, 1);
    if (!(b.fullRebuildShare > 0 && b.fullRebuildShare <= 1)) {
      p.add("spec.batch.fullRebuildShare must be in (0, 1], got: " + b.fullRebuildShare);
    }
    resources(p, "spec.batch.driver", b.driver);
    resources(p, "spec.batch.executor", b.executor);
  }

  private static void resources(Problems p, String field, SparkResources r) {
    if (p.require(field, r)) {
      p.range(field + ".cores", r.cores, 1, 64);
      p.match(field + ".memory", r.memory, Patterns.MEMORY);
      if (r.coreRequest != null) {
        p.match(field + ".coreRequest", r.coreRequest, Patterns.CPU_REQUEST);
      }
      p.range(field + ".instances", r.instances, 1, 200);
    }
  }

  private static void secretKey(Problems p, String field, SecretKeySpec key) {
    if (key != null) {
      p.match(field + ".secretName", key.secretName, Patterns.OBJECT_NAME);
      p.match(field + ".key", key.key, Patterns.SECRET_KEY);
    }
  }

  private static void credentials(Problems p, String field, SecretCredentials c) {
    if (c != null) {
      p.match(field + ".secretName", c.secretName, Patterns.OBJECT_NAME);
      p.match(field + ".usernameKey", c.usernameKey, Patterns.SECRET_KEY);
      p.match(field + ".passwordKey", c.passwordKey, Patterns.SECRET_KEY);
    }
  }
}
