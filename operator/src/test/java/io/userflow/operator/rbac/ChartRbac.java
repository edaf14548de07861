package io.userflow.operator.rbac;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.userflow.operator.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The operator's grants as the chart declares them ({@code helm/userflow/rbac-rules.yaml}; deploy-tests checks the
 * chart renders exactly these), by scope: the watched namespaces, the operator's own namespace, cluster-wide.
 */
public record ChartRbac(Set<String> watchedNamespaces, Set<String> operatorNamespace, Set<String> cluster) {

  /** A grant as text: {@code verb group/resource}, the core group written "core". */
  public static String grant(String verb, String group, String resource) {
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
  }

  public static String grant(ApiCall call) {
    return grant(call.verb(), call.group(), call.resource());
  }

  @SuppressWarnings("unchecked")
  public static ChartRbac load() {
    try {
      Map<String, List<Map<String, List<String>>>> rules = new ObjectMapper(new YAMLFactory())
          .readValue(RepoPaths.root().resolve("helm/userflow/rbac-rules.yaml").toFile(), Map.class);
      return new ChartRbac(grants(rules.get("watchedNamespaces")), grants(rules.get("operatorNamespace")),
          grants(rules.get("cluster")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read helm/userflow/rbac-rules.yaml", e);
    }
  }

  private static Set<String> grants(List<Map<String, List<String>>> rules) {
    Set<String> out = new TreeSet<>();
    for (Map<String, List<String>> rule : rules) {
      for (String group : rule.get("apiGroups")) {
        for (String resource : rule.get("resources")) {
          for (String verb : rule.get("verbs")) {
            out.add(grant(verb, group, resource));
          }
        }
      }
    }
    return out;
  }

  /**
   * Calls the chart would forbid, when the operator watches {@code watched} and runs in {@code operatorNs}: a
   * namespaced call needs its grant in that namespace's scope, a cluster-wide call a cluster grant.
   */
  public Set<ApiCall> forbidden(Set<ApiCall> calls, String watched, String operatorNs) {
    return calls.stream().filter(call -> !allowed(call, watched, operatorNs))
        .collect(Collectors.toCollection(() -> new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString))));
  }

  private boolean allowed(ApiCall call, String watched, String operatorNs) {
    String grant = grant(call);
    if (call.namespace() == null) {
      return cluster.contains(grant);
    }
    return (call.namespace().equals(watched) && watchedNamespaces.contains(grant))
        || (call.namespace().equals(operatorNs) && operatorNamespace.contains(grant));
  }

  /** Every declared grant, whatever its scope. */
  public Set<String> all() {
    Set<String> all = new TreeSet<>(watchedNamespaces);
    all.addAll(operatorNamespace);
    all.addAll(cluster);
    return all;
  }
}
