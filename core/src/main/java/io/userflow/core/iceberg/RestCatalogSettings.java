package io.userflow.core.iceberg;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an Iceberg REST catalog (Polaris, Lakekeeper, Nessie, Glue's or S3 Tables' REST endpoint, Iceberg's own REST
 * server) needs beyond a URI and a warehouse. Iceberg's {@code RESTCatalog} reads these as catalog properties.
 *
 * @param prefix path prefix the server serves this catalog under ({@code /v1/{prefix}/...}), null to take the
 *     server's own from its {@code /v1/config}
 * @param credential OAuth2 client credentials {@code client_id:client_secret}, exchanged at the token endpoint for
 *     a bearer token (client-credentials flow); null without
 * @param token a bearer token sent as is; null without
 * @param oauth2ServerUri token endpoint when it is not the catalog's own {@code v1/oauth/tokens}; null for that
 * @param scope OAuth2 scope to ask for, null for Iceberg's default ({@code catalog})
 * @param headers extra HTTP headers on every request (a server's own routing or tenant header)
 * @param vendedCredentials whether to ask the server for storage credentials per table
 *     ({@code X-Iceberg-Access-Delegation: vended-credentials}), so this process needs no storage keys of its own
 */
public record RestCatalogSettings(String prefix, String credential, String token, String oauth2ServerUri, String scope,
    Map<String, String> headers, boolean vendedCredentials) {
  /** The header a client asks for credential vending with, and its value (the REST spec's access delegation). */
  public static final String ACCESS_DELEGATION_HEADER = "X-Iceberg-Access-Delegation";
  public static final String VENDED_CREDENTIALS = "vended-credentials";

  public RestCatalogSettings {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (credential != null && !credential.contains(":")) {
      throw new IllegalArgumentException("a REST catalog credential is client_id:client_secret");
    }
    if (credential != null && token != null) {
      throw new IllegalArgumentException("a REST catalog takes OAuth2 client credentials or a bearer token, not both");
    }
    if (headers.keySet().stream().anyMatch(ACCESS_DELEGATION_HEADER::equalsIgnoreCase)) {
      throw new IllegalArgumentException("ask for vended credentials with the vended-credentials setting, not a header");
    }
  }

  /** No prefix, no authentication, no extra headers, no credential vending. */
  public static RestCatalogSettings anonymous() {
    return new RestCatalogSettings(null, null, null, null, null, Map.of(), false);
  }

  /**
   * Iceberg {@code RESTCatalog} properties (beside {@code uri} and {@code warehouse}). With a credential or a token
   * the auth type and the token endpoint are said outright, the catalog's own {@code v1/oauth/tokens} unless
   * {@link #oauth2ServerUri} names another: Iceberg 1.12 still infers both but warns that the fallback will go.
   */
  Map<String, String> catalogProperties(String catalogUri) {
    Map<String, String> props = new LinkedHashMap<>();
    if (prefix != null) {
      props.put("prefix", prefix);
    }
    if (credential != null || token != null) {
      props.put("rest.auth.type", "oauth2");
      props.put("oauth2-server-uri", oauth2ServerUri != null ? oauth2ServerUri
          : catalogUri.replaceAll("/+$", "") + "/v1/oauth/tokens");
    }
    if (credential != null) {
      props.put("credential", credential);
    }
    if (token != null) {
      props.put("token", token);
    }
    if (scope != null) {
      props.put("scope", scope);
    }
    headers.forEach((name, value) -> props.put("header." + name, value));
    if (vendedCredentials) {
      props.put("header." + ACCESS_DELEGATION_HEADER, VENDED_CREDENTIALS);
    }
    return props;
  }

  @Override
  public String toString() {
    // never print the secret or the token
    return "RestCatalogSettings[prefix=" + prefix + ", auth=" + (credential != null ? "oauth2-client-credentials"
        : token != null ? "bearer-token" : "none") + ", oauth2ServerUri=" + oauth2ServerUri + ", headers="
        + headers.keySet() + ", vendedCredentials=" + vendedCredentials + "]";
  }
}
