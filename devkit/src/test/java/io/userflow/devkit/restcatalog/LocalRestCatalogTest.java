package io.userflow.devkit.restcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.Catalogs;
import io.userflow.core.iceberg.RestCatalogSettings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST catalog server in its own JVM, through core's CatalogSettings and Iceberg 1.12.0's RESTCatalog. */
class LocalRestCatalogTest {
  @TempDir static Path dir;
  static LocalRestCatalog server;

  @BeforeAll
  static void start() {
    server = LocalRestCatalog.start(dir.resolve("rest"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void clientCredentialsSignInAndTheCatalogAnswers() throws Exception {
    try (var catalog = (Catalog & SupportsNamespaces & AutoCloseable) Catalogs.open(server.settings("userflow"))) {
      catalog.createNamespace(Namespace.of("signed_in"));
      assertThat(catalog.listNamespaces()).contains(Namespace.of("signed_in"));
    }
  }

  @Test
  void aBearerTokenTheServerIssuedIsAccepted() throws Exception {
    RestCatalogSettings token = new RestCatalogSettings(null, null,
        "client-credentials-token:sub=" + LocalRestCatalog.CLIENT_ID, null, null, Map.of(), false);
    try (var catalog = (Catalog & SupportsNamespaces & AutoCloseable) Catalogs.open(
        CatalogSettings.rest("userflow", server.uri(), server.warehouse(), token, null))) {
      catalog.createNamespace(Namespace.of("by_token"));
      assertThat(catalog.namespaceExists(Namespace.of("by_token"))).isTrue();
    }
  }

  @Test
  void noTokenAWrongSecretOrAWrongTokenIsRefused() {
    assertThatThrownBy(() -> Catalogs.open(CatalogSettings.rest("userflow", server.uri(), server.warehouse(),
        RestCatalogSettings.anonymous(), null))).isInstanceOf(NotAuthorizedException.class);
    RestCatalogSettings wrongSecret = new RestCatalogSettings(null, LocalRestCatalog.CLIENT_ID + ":wrong", null, null,
        null, Map.of(), false);
    assertThatThrownBy(() -> Catalogs.open(CatalogSettings.rest("userflow", server.uri(), server.warehouse(),
        wrongSecret, null))).isInstanceOf(NotAuthorizedException.class);
    RestCatalogSettings wrongToken = new RestCatalogSettings(null, null, "made-up", null, null, Map.of(), false);
    assertThatThrownBy(() -> Catalogs.open(CatalogSettings.rest("userflow", server.uri(), server.warehouse(),
        wrongToken, null))).isInstanceOf(NotAuthorizedException.class);
  }
}
