package io.userflow.core.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogSettingsTest {
  private static final ObjectStorage LOCAL_S3 = new ObjectStorage("http://s3:9000", "us-east-1", true, "k", "s");

  @Test
  void jdbcPropertiesAreUnchanged() {
    CatalogSettings jdbc = new CatalogSettings("userflow", "jdbc:sqlite:/tmp/c.db", "file:/tmp/wh", null, null);
    assertThat(jdbc.type()).isEqualTo(CatalogType.JDBC);
    assertThat(jdbc.catalogProperties()).containsExactly(Map.entry("type", "jdbc"), Map.entry("uri", "jdbc:sqlite:/tmp/c.db"),
        Map.entry("warehouse", "file:/tmp/wh"), Map.entry("jdbc.schema-version", "V1"), Map.entry("clients", "1"));
  }

  @Test
  void restPropertiesCarryTheProtocolsSettings() {
    RestCatalogSettings rest = new RestCatalogSettings("tenant-a", "client:secret", null, "http://idp/token", "catalog",
        Map.of("X-Tenant", "a"), true);
    CatalogSettings settings = CatalogSettings.rest("userflow", "http://127.0.0.1:8181", "wh", rest, null);
    assertThat(settings.type()).isEqualTo(CatalogType.REST);
    assertThat(settings.catalogProperties()).containsExactly(Map.entry("type", "rest"),
        Map.entry("uri", "http://127.0.0.1:8181"), Map.entry("warehouse", "wh"), Map.entry("prefix", "tenant-a"),
        Map.entry("rest.auth.type", "oauth2"), Map.entry("oauth2-server-uri", "http://idp/token"),
        Map.entry("credential", "client:secret"),
        Map.entry("scope", "catalog"), Map.entry("header.X-Tenant", "a"),
        Map.entry("header.X-Iceberg-Access-Delegation", "vended-credentials"));
    assertThat(settings.toString()).doesNotContain("secret").contains("oauth2-client-credentials");
  }

  @Test
  void aTokenGoesToTheCatalogsOwnTokenEndpointUnlessToldOtherwise() {
    RestCatalogSettings token = new RestCatalogSettings(null, null, "t0ken", null, null, Map.of(), false);
    assertThat(CatalogSettings.rest("c", "http://127.0.0.1:8181/", "wh", token, null).catalogProperties())
        .containsEntry("rest.auth.type", "oauth2").containsEntry("token", "t0ken")
        .containsEntry("oauth2-server-uri", "http://127.0.0.1:8181/v1/oauth/tokens");
    assertThat(CatalogSettings.rest("c", "http://cat", "wh", RestCatalogSettings.anonymous(), null).catalogProperties())
        .doesNotContainKeys("rest.auth.type", "oauth2-server-uri");
  }

  @Test
  void vendedCredentialsLeaveTheKeysToTheServer() {
    RestCatalogSettings vended = new RestCatalogSettings(null, null, "t0ken", null, null, Map.of(), true);
    RestCatalogSettings own = new RestCatalogSettings(null, null, "t0ken", null, null, Map.of(), false);
    assertThat(CatalogSettings.rest("c", "https://cat", "s3a://b/wh", vended, LOCAL_S3).fileIoProperties())
        .containsExactly(Map.entry("io-impl", ObjectStorage.S3_FILE_IO));
    assertThat(CatalogSettings.rest("c", "https://cat", "s3a://b/wh", own, LOCAL_S3).fileIoProperties())
        .containsEntry("s3.access-key-id", "k");
    assertThat(CatalogSettings.rest("c", "https://cat", "s3a://b/wh", vended, LOCAL_S3).toString()).doesNotContain("t0ken");
    // in Spark: vended, S3FileIO takes the server's keys; otherwise s3a with the process's own, as on JDBC
    assertThat(CatalogSettings.rest("c", "https://cat", "s3a://b/wh", vended, null).catalogProperties())
        .containsEntry("io-impl", ObjectStorage.S3_FILE_IO).containsEntry("http-client.type", "urlconnection");
    assertThat(CatalogSettings.rest("c", "https://cat", "s3a://b/wh", own, null).catalogProperties())
        .containsEntry("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
    assertThat(CatalogSettings.rest("c", "https://cat", "file:/tmp/wh", own, null).catalogProperties())
        .doesNotContainKey("io-impl");
  }

  @Test
  void eachTypeRefusesTheOthersSettings() {
    assertThatThrownBy(() -> new CatalogSettings("c", "http://cat", "wh", null, null))
        .hasMessageContaining("JDBC URI");
    assertThatThrownBy(() -> CatalogSettings.rest("c", "jdbc:sqlite:x", "wh", RestCatalogSettings.anonymous(), null))
        .hasMessageContaining("http");
    assertThatThrownBy(() -> new RestCatalogSettings(null, "no-colon", null, null, null, Map.of(), false))
        .hasMessageContaining("client_id:client_secret");
    assertThatThrownBy(() -> new RestCatalogSettings(null, "a:b", "t", null, null, Map.of(), false))
        .hasMessageContaining("not both");
    assertThat(CatalogType.of("REST")).isEqualTo(CatalogType.REST);
    assertThatThrownBy(() -> CatalogType.of("hive")).hasMessageContaining("jdbc or rest");
  }
}
