package io.userflow.operator.rbac;

import java.util.List;
import java.util.Locale;

/**
 * One Kubernetes API request as RBAC authorizes it: API group, resource (with its subresource, e.g.
 * {@code reprocesses/status}), verb, and the namespace it targets (null: cluster-wide).
 */
public record ApiCall(String group, String resource, String verb, String namespace) {

  /** Parses an API server request line's method and path ({@code /apis/<group>/<version>/...} or {@code /api/v1/...}). */
  public static ApiCall of(String method, String path) {
    String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
    List<String> parts = List.of(path.replaceFirst("\\?.*$", "").replaceFirst("^/", "").split("/"));
    int rest;
    String group;
    if (parts.get(0).equals("api")) {
      group = "";
      rest = 2;
    } else if (parts.get(0).equals("apis") && parts.size() > 2) {
      group = parts.get(1);
      rest = 3;
    } else {
      throw new IllegalArgumentException("not a resource path: " + path);
    }
    List<String> tail = parts.subList(rest, parts.size());
    String namespace = null;
    if (tail.size() >= 3 && tail.get(0).equals("namespaces")) {
      namespace = tail.get(1);
      tail = tail.subList(2, tail.size());
    }
    if (tail.isEmpty()) {
      throw new IllegalArgumentException("not a resource path: " + path);
    }
    String resource = tail.get(0) + (tail.size() > 2 ? "/" + tail.get(2) : "");
    boolean named = tail.size() > 1;
    return new ApiCall(group, resource, verb(method.toUpperCase(Locale.ROOT), named, query), namespace);
  }

  private static String verb(String method, boolean named, String query) {
    return switch (method) {
      case "GET" -> query.matches("(^|.*&)watch=(true|1)(&.*|$)") ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("no RBAC verb for HTTP " + method);
    };
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + (namespace == null ? " (cluster)"
        : " in " + namespace);
  }
}
