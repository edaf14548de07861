package io.userflow.operator.children;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The container rules of the restricted Pod Security Standard (kubernetes.io/docs/concepts/security/pod-security-
 * standards, v1.25+), for one container and its pod, as the fast check of the factories' output; the end-to-end
 * test has the real API server's PodSecurity admission judge the same contexts.
 */
final class RestrictedProfile {
  private static final Set<String> SECCOMP = Set.of("RuntimeDefault", "Localhost");

  private RestrictedProfile() {}

  static List<String> violations(PodSecurityContext pod, SecurityContext container) {
    List<String> out = new ArrayList<>();
    PodSecurityContext p = pod == null ? new PodSecurityContext() : pod;
    SecurityContext c = container == null ? new SecurityContext() : container;
    if (!Boolean.TRUE.equals(c.getRunAsNonRoot()) && !Boolean.TRUE.equals(p.getRunAsNonRoot())) {
      out.add("runAsNonRoot != true");
    }
    if (Long.valueOf(0).equals(p.getRunAsUser()) || Long.valueOf(0).equals(c.getRunAsUser())) {
      out.add("runAsUser 0");
    }
    if (!Boolean.FALSE.equals(c.getAllowPrivilegeEscalation())) {
      out.add("allowPrivilegeEscalation != false");
    }
    if (Boolean.TRUE.equals(c.getPrivileged())) {
      out.add("privileged");
    }
    if (c.getCapabilities() == null || c.getCapabilities().getDrop() == null
        || !c.getCapabilities().getDrop().contains("ALL")) {
      out.add("capabilities.drop lacks ALL");
    }
    if (c.getCapabilities() != null && c.getCapabilities().getAdd() != null
        && c.getCapabilities().getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
      out.add("capabilities.add beyond NET_BIND_SERVICE");
    }
    String seccomp = c.getSeccompProfile() != null ? c.getSeccompProfile().getType()
        : p.getSeccompProfile() != null ? p.getSeccompProfile().getType() : null;
    if (seccomp == null || !SECCOMP.contains(seccomp)) {
      out.add("seccompProfile not RuntimeDefault or Localhost");
    }
    return out;
  }
}
