package io.userflow.deploy.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Pod specs of rendered workloads, and the hardening every one of their containers must have. */
public final class PodSpecs {
  private PodSpecs() {}

  /** Pod spec of a workload kind, keyed by {@code Kind/name}. */
  public static Map<String, PodSpec> of(List<RenderedObjects.Rendered> objects) {
    Map<String, PodSpec> specs = new LinkedHashMap<>();
    for (RenderedObjects.Rendered o : objects) {
      podSpec(o.model()).ifPresent(spec -> specs.put(o.kind() + "/" + o.name(), spec));
    }
    return specs;
  }

  static Optional<PodSpec> podSpec(HasMetadata model) {
    if (model instanceof Deployment d) {
      return Optional.of(d.getSpec().getTemplate().getSpec());
    }
    if (model instanceof StatefulSet s) {
      return Optional.of(s.getSpec().getTemplate().getSpec());
    }
    if (model instanceof DaemonSet d) {
      return Optional.of(d.getSpec().getTemplate().getSpec());
    }
    if (model instanceof Job j) {
      return Optional.of(j.getSpec().getTemplate().getSpec());
    }
    if (model instanceof CronJob c) {
      return Optional.of(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
    }
    if (model instanceof io.fabric8.kubernetes.api.model.Pod p) {
      return Optional.of(p.getSpec());
    }
    return Optional.empty();
  }

  public static List<Container> allContainers(PodSpec spec) {
    return Stream.concat(
            Optional.ofNullable(spec.getInitContainers()).orElse(List.of()).stream(),
            spec.getContainers().stream())
        .toList();
  }

  /**
   * What is missing from a container's hardening (empty when fine): non-root, no privilege escalation,
   * no capabilities, the runtime's default seccomp profile; pod-level settings count for the container.
   */
  public static List<String> hardeningGaps(PodSpec pod, Container c) {
    List<String> gaps = new ArrayList<>();
    SecurityContext sc = c.getSecurityContext();
    PodSecurityContext psc = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
    if (sc == null) {
      return List.of(c.getName() + ": no securityContext");
    }
    boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
        || (sc.getRunAsNonRoot() == null && Boolean.TRUE.equals(psc.getRunAsNonRoot()));
    if (!nonRoot) {
      gaps.add(c.getName() + ": runAsNonRoot is not true");
    }
    Long uid = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
    if (uid != null && uid == 0L) {
      gaps.add(c.getName() + ": runs as uid 0");
    }
    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      gaps.add(c.getName() + ": allowPrivilegeEscalation is not false");
    }
    if (Boolean.TRUE.equals(sc.getPrivileged())) {
      gaps.add(c.getName() + ": privileged");
    }
    if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
        || !sc.getCapabilities().getDrop().contains("ALL")) {
      gaps.add(c.getName() + ": capabilities do not drop ALL");
    } else if (sc.getCapabilities().getAdd() != null && !sc.getCapabilities().getAdd().isEmpty()) {
      gaps.add(c.getName() + ": adds capabilities " + sc.getCapabilities().getAdd());
    }
    String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
        : psc.getSeccompProfile() != null ? psc.getSeccompProfile().getType() : null;
    if (!"RuntimeDefault".equals(seccomp)) {
      gaps.add(c.getName() + ": seccompProfile is " + seccomp + ", not RuntimeDefault");
    }
    return gaps;
  }
}
