package io.userflow.services.restcatalog;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Iceberg's REST catalog (its {@code RESTCatalogAdapter} and {@code RESTCatalogServlet}, what its
 * {@code RESTCatalogServer} serves) with OAuth2 enforced: the token endpoint issues a token only to the client id and
 * secret in {@code USERFLOW_REST_CLIENT_ID}/{@code USERFLOW_REST_CLIENT_SECRET}, and every other request needs that
 * token as {@code Authorization: Bearer}. Iceberg's own server issues tokens to anyone and never checks them.
 * Configured like {@code RESTCatalogServer}: {@code CATALOG_*} environment variables become catalog properties
 * ({@code CATALOG_URI} → {@code uri}, {@code __} → {@code -}, {@code _} → {@code .}), {@code rest.port} is the port.
 * An {@code s3a://} warehouse is reached with the endpoint in {@code USERFLOW_S3_ENDPOINT} and the keys in
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}; with {@code USERFLOW_S3_VEND=true} the server also vends
 * them ({@link VendingAdapter}).
 */
public final class AuthenticatedRestCatalogServer {
  private AuthenticatedRestCatalogServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> props = new HashMap<>();
    System.getenv().forEach((key, value) -> {
      if (key.startsWith("CATALOG_")) {
        props.put(key.substring("CATALOG_".length()).replace("__", "-").replace("_", ".").toLowerCase(Locale.ROOT), value);
      }
    });
    props.putIfAbsent("catalog-impl", JdbcCatalog.class.getName());
    String name = props.getOrDefault("catalog.name", "rest_backend");
    int port = Integer.parseInt(props.getOrDefault("rest.port", "8181"));
    Configuration hadoop = new Configuration();
    S3Warehouse s3 = S3Warehouse.fromEnvironment();
    if (s3 != null) {
      s3.hadoopProperties().forEach(hadoop::set);
    }
    Catalog catalog = CatalogUtil.buildIcebergCatalog(name, props, hadoop);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addFilter(new FilterHolder(new OAuth2ClientCredentials(requireEnv("USERFLOW_REST_CLIENT_ID"),
        requireEnv("USERFLOW_REST_CLIENT_SECRET"))), "/*", EnumSet.of(DispatcherType.REQUEST));
    RESTCatalogAdapter adapter = s3 != null && s3.vend() ? new VendingAdapter(catalog, s3) : new RESTCatalogAdapter(catalog);
    context.addServlet(new ServletHolder(new RESTCatalogServlet(adapter)), "/*");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    // 127.0.0.1 unless USERFLOW_REST_HOST names another address of this host (a node's bridge, for pods)
    connector.setHost(System.getenv().getOrDefault("USERFLOW_REST_HOST", "127.0.0.1"));
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    server.join();
  }

  private static String requireEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set");
    }
    return value;
  }

  /** The client-credentials grant checked at the token endpoint, the bearer token it issued checked everywhere else. */
  static final class OAuth2ClientCredentials extends HttpFilter {
    private final String clientId;
    private final String clientSecret;

    OAuth2ClientCredentials(String clientId, String clientSecret) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, jakarta.servlet.ServletException {
      if (request.getRequestURI().endsWith("/v1/oauth/tokens")) {
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
          respond(response, 401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}");
          return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
        return;
      }
      // the token RESTCatalogAdapter issues for a client-credentials grant
      if (!("Bearer client-credentials-token:sub=" + clientId).equals(request.getHeader("Authorization"))) {
        respond(response, 401, "{\"error\":{\"message\":\"missing or unknown bearer token\","
            + "\"type\":\"NotAuthorizedException\",\"code\":401}}");
        return;
      }
      chain.doFilter(request, response);
    }

    private static Map<String, String> form(String body) {
      Map<String, String> form = new HashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return form;
    }

    private static void respond(HttpServletResponse response, int status, String json) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      response.getWriter().write(json);
    }
  }

  /** A request whose body, already read by the filter, the servlet reads again. */
  static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }

  /** The S3 endpoint and keys of an s3a:// warehouse, from the environment; null without an endpoint. */
  record S3Warehouse(String endpoint, String region, String accessKeyId, String secretAccessKey, boolean vend) {
    static S3Warehouse fromEnvironment() {
      String endpoint = System.getenv("USERFLOW_S3_ENDPOINT");
      if (endpoint == null || endpoint.isBlank()) {
        return null;
      }
      return new S3Warehouse(endpoint, System.getenv().getOrDefault("USERFLOW_S3_REGION", "us-east-1"),
          requireEnv("AWS_ACCESS_KEY_ID"), requireEnv("AWS_SECRET_ACCESS_KEY"),
          Boolean.parseBoolean(System.getenv("USERFLOW_S3_VEND")));
    }

    /** s3a, as the jobs reach the same endpoint (path-style, as S3 APIs other than AWS need). */
    Map<String, String> hadoopProperties() {
      return Map.of("fs.s3a.endpoint", endpoint, "fs.s3a.endpoint.region", region, "fs.s3a.path.style.access", "true",
          "fs.s3a.access.key", accessKeyId, "fs.s3a.secret.key", secretAccessKey);
    }

    /**
     * What a client's S3FileIO needs to read and write the table: the properties vended with it. STS credentials
     * come with a session token and clients such as Trino take vended keys only with one; the S3 API here checks the
     * key and signature and ignores the token, so a fixed one stands in.
     */
    Map<String, String> vendedProperties() {
      return Map.of("s3.endpoint", endpoint, "client.region", region, "s3.path-style-access", "true",
          "s3.access-key-id", accessKeyId, "s3.secret-access-key", secretAccessKey,
          "s3.session-token", "userflow-local-session");
    }
  }

  /**
   * Credential vending as the REST spec has it: a table loaded or created with {@code X-Iceberg-Access-Delegation:
   * vended-credentials} comes with the storage properties to reach it, in the response's {@code config} and as a
   * storage credential for the warehouse prefix. A production server (Polaris, Lakekeeper, Glue) vends short-lived,
   * table-scoped keys from STS; this stand-in vends its own keys, which is enough to show that a client with no keys
   * of its own reads and writes with what it was handed. Without the header nothing is vended.
   */
  static final class VendingAdapter extends RESTCatalogAdapter {
    private final S3Warehouse s3;

    VendingAdapter(Catalog catalog, S3Warehouse s3) {
      super(catalog);
      this.s3 = s3;
    }

    @Override
    protected <T extends org.apache.iceberg.rest.RESTResponse> T execute(org.apache.iceberg.rest.HTTPRequest request,
        Class<T> responseType, java.util.function.Consumer<org.apache.iceberg.rest.responses.ErrorResponse> errors,
        java.util.function.Consumer<Map<String, String>> responseHeaders, org.apache.iceberg.rest.ParserContext parser) {
      T response = super.execute(request, responseType, errors, responseHeaders, parser);
      boolean asked = request.headers().entries("X-Iceberg-Access-Delegation").stream()
          .anyMatch(h -> h.value().toLowerCase(Locale.ROOT).contains("vended-credentials"));
      if (asked && response instanceof org.apache.iceberg.rest.responses.LoadTableResponse loaded) {
        String prefix = loaded.tableMetadata().location();
        org.apache.iceberg.rest.responses.LoadTableResponse vended = org.apache.iceberg.rest.responses.LoadTableResponse
            .builder().withTableMetadata(loaded.tableMetadata()).addAllConfig(loaded.config())
            .addAllConfig(s3.vendedProperties())
            .addCredential(org.apache.iceberg.rest.credentials.ImmutableCredential.builder().prefix(prefix)
                .config(s3.vendedProperties()).build())
            .build();
        return responseType.cast(vended);
      }
      return response;
    }
  }
}
