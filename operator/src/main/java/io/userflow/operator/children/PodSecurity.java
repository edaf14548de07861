package io.userflow.operator.children;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security contexts of the Spark driver and executor pods: what the restricted Pod Security Standard asks
 * (non-root, no privilege escalation, every capability dropped, the runtime's default seccomp profile). Pure.
 *
 * <p>The root file system stays writable: Spark writes to /tmp (JVM and Netty native libraries, shuffle spill of
 * local mode, Ivy) and the image's work dir besides the local dirs it mounts as emptyDir volumes, and the restricted
 * profile does not ask for a read-only root. The spark-operator's webhook copies these contexts into the pods; a
 * namespace labelled {@code pod-security.kubernetes.io/enforce=restricted} refuses the pods if it does not.
 */
public final class PodSecurity {
  private PodSecurity() {}

  /** Pod level: non-root as {@code user} (also group and fsGroup, so emptyDir volumes are writable). */
  public static PodSecurityContext pod(long user) {
    return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(user).withRunAsGroup(user)
        .withFsGroup(user).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
  }

  /** Container level: the same user, no escalation, no capabilities. */
  public static SecurityContext container(long user) {
    return new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(user).withRunAsGroup(user)
        .withAllowPrivilegeEscalation(false).withPrivileged(false).withNewCapabilities().withDrop("ALL")
        .endCapabilities().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
  }
}
