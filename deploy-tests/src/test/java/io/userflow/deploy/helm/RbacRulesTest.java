package io.userflow.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.userflow.deploy.RepoPaths;
import io.userflow.deploy.helm.RenderedObjects.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chart grants exactly the calls declared in helm/userflow/rbac-rules.yaml, in the declared scope,
 * to the operator's ServiceAccount only, with no wildcard anywhere.
 */
class RbacRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One granted call, flattened from a rule: rules compare as sets of these. */
  record Grant(String apiGroup, String resource, String verb) implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }
  }

  record Declared(List<PolicyRule> watchedNamespaces, List<PolicyRule> operatorNamespace, List<PolicyRule> cluster) {}

  static Declared declared() throws Exception {
    return YAML.readValue(RepoPaths.operatorChart().resolve("rbac-rules.yaml").toFile(), Declared.class);
  }

  @Test
  void declaredListHasNoWildcardAndOnlyKnownScopes() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = YAML.readValue(RepoPaths.operatorChart().resolve("rbac-rules.yaml").toFile(), Map.class);
    assertThat(raw).containsOnlyKeys("watchedNamespaces", "operatorNamespace", "cluster");
    Declared d = declared();
    for (List<PolicyRule> rules : List.of(d.watchedNamespaces(), d.operatorNamespace())) {
      assertThat(rules).isNotEmpty();
      assertNoWildcard(rules, "rbac-rules.yaml");
    }
    assertThat(d.cluster()).as("no cluster-wide grant: the operator makes no cluster-scoped call").isEmpty();
  }

  @Test
  void rolesInTheReleaseNamespaceEqualTheDeclaredList() throws Exception {
    List<Rendered> objects = RenderedObjects.parse(Charts.template(RepoPaths.operatorChart()));
    assertGrantsEqualDeclared(objects, List.of(Charts.NAMESPACE), true);
  }

  @Test
  void eachWatchedNamespaceGetsTheSameRole() throws Exception {
    List<Rendered> objects = RenderedObjects.parse(Charts.template(RepoPaths.operatorChart(), Map.of(
        "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")));
    assertGrantsEqualDeclared(objects, List.of("team-a", "team-b"), true);
  }

  @Test
  void rbacCanBeLeftToTheClusterAdmin() {
    List<Rendered> objects = RenderedObjects.parse(Charts.template(RepoPaths.operatorChart(), Map.of("rbac.create", false)));
    assertThat(objects).extracting(Rendered::kind)
        .doesNotContain("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
  }

  private static void assertGrantsEqualDeclared(List<Rendered> objects, List<String> watched, boolean cluster)
      throws Exception {
    Declared declared = declared();
    String leaderNamespace = Charts.NAMESPACE;
    List<Role> roles = RenderedObjects.ofType(objects, Role.class);
    List<ClusterRole> clusterRoles = RenderedObjects.ofType(objects, ClusterRole.class);

    for (Role role : roles) {
      assertNoWildcard(role.getRules(), "Role " + role.getMetadata().getName());
    }
    for (ClusterRole role : clusterRoles) {
      assertNoWildcard(role.getRules(), "ClusterRole " + role.getMetadata().getName());
      assertThat(role.getAggregationRule()).as("aggregation would grant more than declared").isNull();
    }

    // Which grants each namespace holds, from all Roles there; must equal the declared scope(s).
    Set<String> namespaces = new TreeSet<>(watched);
    namespaces.add(leaderNamespace);
    for (String ns : namespaces) {
      List<PolicyRule> expected = new ArrayList<>();
      if (watched.contains(ns)) {
        expected.addAll(declared.watchedNamespaces());
      }
      if (ns.equals(leaderNamespace)) {
        expected.addAll(declared.operatorNamespace());
      }
      List<PolicyRule> actual = roles.stream()
          .filter(r -> ns.equals(r.getMetadata().getNamespace()))
          .flatMap(r -> r.getRules().stream())
          .toList();
      assertThat(grants(actual)).as("grants in namespace %s", ns).isEqualTo(grants(expected));
    }
    assertThat(roles).allSatisfy(r -> assertThat(namespaces).contains(r.getMetadata().getNamespace()));

    List<PolicyRule> clusterRules = clusterRoles.stream().flatMap(r -> r.getRules().stream()).toList();
    assertThat(grants(clusterRules)).as("cluster-wide grants")
        .isEqualTo(cluster ? grants(declared.cluster()) : Set.of());

    // Every binding points at one of these roles and binds only the operator's ServiceAccount.
    String sa = RenderedObjects.ofType(objects, io.fabric8.kubernetes.api.model.ServiceAccount.class)
        .get(0).getMetadata().getName();
    Set<String> roleNames = new TreeSet<>();
    roles.forEach(r -> roleNames.add(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()));
    List<RoleBinding> bindings = RenderedObjects.ofType(objects, RoleBinding.class);
    assertThat(bindings).hasSameSizeAs(roles);
    for (RoleBinding b : bindings) {
      assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(roleNames).contains(b.getMetadata().getNamespace() + "/" + b.getRoleRef().getName());
      assertOnlyOperator(b.getSubjects(), sa);
    }
    List<ClusterRoleBinding> clusterBindings = RenderedObjects.ofType(objects, ClusterRoleBinding.class);
    assertThat(clusterBindings).hasSameSizeAs(clusterRoles);
    for (ClusterRoleBinding b : clusterBindings) {
      assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
      assertThat(clusterRoles).extracting(r -> r.getMetadata().getName()).contains(b.getRoleRef().getName());
      assertOnlyOperator(b.getSubjects(), sa);
    }
  }

  private static void assertOnlyOperator(List<Subject> subjects, String serviceAccount) {
    assertThat(subjects).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(serviceAccount);
      assertThat(s.getNamespace()).isEqualTo(Charts.NAMESPACE);
    });
  }

  static void assertNoWildcard(List<PolicyRule> rules, String where) {
    for (PolicyRule r : rules) {
      assertThat(r.getVerbs()).as("verbs in %s", where).isNotEmpty().noneMatch(v -> v.contains("*"));
      assertThat(r.getResources()).as("resources in %s", where).isNotEmpty().noneMatch(v -> v.contains("*"));
      assertThat(r.getApiGroups()).as("apiGroups in %s", where).isNotEmpty().noneMatch(v -> v.contains("*"));
      assertThat(r.getNonResourceURLs()).as("nonResourceURLs in %s", where).isNullOrEmpty();
      assertThat(r.getResourceNames()).as("resourceNames in %s", where).isNullOrEmpty();
    }
  }

  static Set<Grant> grants(List<PolicyRule> rules) {
    Set<Grant> out = new TreeSet<>();
    for (PolicyRule r : rules) {
      for (String g : r.getApiGroups()) {
        for (String res : r.getResources()) {
          for (String v : r.getVerbs()) {
            out.add(new Grant(g, res, v));
          }
        }
      }
    }
    return out;
  }
}
