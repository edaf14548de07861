package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * The Iceberg catalog holding the pipeline's tables: a JDBC catalog, or an Iceberg REST catalog server. The CEL
 * rules say which settings apply to which type; PipelineValidator checks the same.
 */
@ValidationRule(value = "self.type == 'rest' ? (self.uri.startsWith('http://') || self.uri.startsWith('https://'))"
    + " : self.uri.startsWith('jdbc:')", message = "catalog.uri is a jdbc: URI for type jdbc, an http(s):// URI for type rest")
@ValidationRule(value = "self.type == 'rest' || self.warehouse.contains(':/')",
    message = "catalog.warehouse of a jdbc catalog is a storage URI such as s3a://bucket/path")
@ValidationRule(value = "self.type == 'jdbc' || !has(self.credentials)",
    message = "catalog.credentials (user and password) are for type jdbc; a rest catalog takes oauth2Credential or token")
@ValidationRule(value = "self.type == 'rest' || !(has(self.prefix) || has(self.oauth2Credential) || has(self.token)"
    + " || has(self.oauth2ServerUri) || has(self.headers) || has(self.vendedCredentials))",
    message = "catalog.prefix, oauth2Credential, token, oauth2ServerUri, headers and vendedCredentials are for type rest")
@ValidationRule(value = "!(has(self.oauth2Credential) && has(self.token))",
    message = "a rest catalog takes catalog.oauth2Credential or catalog.token, not both")
@ValidationRule(value = "!has(self.oauth2ServerUri) || has(self.oauth2Credential) || has(self.token)",
    message = "catalog.oauth2ServerUri needs catalog.oauth2Credential or catalog.token")
@ValidationRule(value = "!has(self.vendedCredentials) || !self.vendedCredentials || !has(self.storage)"
    + " || !has(self.storage.credentials)",
    message = "with catalog.vendedCredentials the Spark pods get no S3 keys: remove catalog.storage.credentials")
public class CatalogSpec {
  /** The most extra headers a REST catalog takes (the schema's maxProperties; PipelineValidator checks it too). */
  public static final int MAX_HEADERS = 16;

  @Default("jdbc")
  @JsonPropertyDescription("Catalog implementation: jdbc (a PostgreSQL database) or rest (an Iceberg REST catalog "
      + "server such as Polaris, Lakekeeper, Nessie, AWS Glue or S3 Tables).")
  public CatalogType type = CatalogType.jdbc;

  @Required
  @Pattern(Patterns.CATALOG_URI)
  @JsonPropertyDescription("For jdbc the JDBC URI of the catalog database, e.g. jdbc:postgresql://catalog-db:5432/iceberg; "
      + "for rest the server's base URI, e.g. https://polaris.example.com/api/catalog.")
  public String uri;

  @Required
  @Pattern(Patterns.WAREHOUSE)
  @JsonPropertyDescription("Warehouse root URI, e.g. s3a://warehouse/userflow; for rest what the server takes as "
      + "warehouse (a location, or a catalog name as in Polaris).")
  public String warehouse;

  @Default("userflow")
  @Pattern(Patterns.IDENTIFIER)
  @JsonPropertyDescription("Catalog name, used as Spark catalog name and Iceberg catalog-name.")
  public String name = "userflow";

  @JsonPropertyDescription("jdbc only: catalog database credentials, by Secret reference.")
  public SecretCredentials credentials;

  @Pattern(Patterns.CATALOG_PREFIX)
  @JsonPropertyDescription("rest only: the path prefix the server serves this catalog under (/v1/{prefix}/...); "
      + "unset to take the server's own from its /v1/config.")
  public String prefix;

  @JsonPropertyDescription("rest only: OAuth2 client credentials, the key holding client_id:client_secret in a "
      + "Secret labelled userflow.io/credentials=true; exchanged for a token at the token endpoint.")
  public SecretKeySpec oauth2Credential;

  @JsonPropertyDescription("rest only: a bearer token, by reference to a key of a Secret labelled "
      + "userflow.io/credentials=true; instead of oauth2Credential.")
  public SecretKeySpec token;

  @Pattern(Patterns.HTTP_URI)
  @JsonPropertyDescription("rest only: the OAuth2 token endpoint when it is not the catalog's own v1/oauth/tokens.")
  public String oauth2ServerUri;

  @Size(max = MAX_HEADERS)
  @JsonPropertyDescription("rest only: extra HTTP headers on every catalog request (a server's tenant or routing "
      + "header), name to value; not for secrets, which belong in oauth2Credential or token.")
  public Map<String, String> headers;

  @JsonPropertyDescription("rest only: ask the server for storage credentials per table (X-Iceberg-Access-Delegation: "
      + "vended-credentials); the Spark pods and the operator then get no S3 keys, and storage.credentials must be unset.")
  public Boolean vendedCredentials;

  @JsonPropertyDescription("Endpoint and access keys of the S3-compatible store holding an s3a:// warehouse and "
      + "checkpoints; given to the Spark jobs (s3a) and used by the operator to read table metadata.")
  public ObjectStorageSpec storage;

  /** Whether a REST server vends the storage credentials (null, as in a JDBC catalog, is no). */
  public boolean vendsCredentials() {
    return Boolean.TRUE.equals(vendedCredentials);
  }
}
