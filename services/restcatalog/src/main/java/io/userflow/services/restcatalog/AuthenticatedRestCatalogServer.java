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
    Catalog catalog = CatalogUtil.buildIcebergCatalog(name, props, new Configuration());

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addFilter(new FilterHolder(new OAuth2ClientCredentials(requireEnv("USERFLOW_REST_CLIENT_ID"),
        requireEnv("USERFLOW_REST_CLIENT_SECRET"))), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(catalog))), "/*");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
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
}
