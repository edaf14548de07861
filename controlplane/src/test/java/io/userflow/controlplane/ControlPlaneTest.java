package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The control plane itself: versions as pinned, RBAC enforced on ServiceAccount tokens, garbage collection. */
@ExtendWith(ControlPlaneExtension.class)
class ControlPlaneTest {
  static ControlPlane cp;
  static Kubectl kubectl;

  @BeforeAll
  static void start(ControlPlane controlPlane) {
    cp = controlPlane;
    kubectl = cp.kubectl();
  }

  @Test
  void serverAndKubectlAreThePinnedRelease() throws IOException {
    String pinned = Files.readAllLines(ControlPlaneBinaries.repoRoot().resolve("cluster/go.mod")).stream()
        .filter(l -> l.strip().startsWith("k8s.io/kubernetes ")).findFirst().orElseThrow().strip().split("\\s+")[1];
    String version = kubectl.ok("version", "-o", "yaml");
    assertThat(version).contains("gitVersion: " + pinned);
    assertThat(version.split("gitVersion: " + pinned, -1)).as("client and server").hasSize(3);
  }

  @Test
  void aServiceAccountTokenGetsOnlyWhatItsRoleGrants() {
    kubectl.ok("create", "namespace", "rbac-check");
    kubectl.ok("create", "serviceaccount", "reader", "-n", "rbac-check");
    kubectl.ok("create", "role", "cm-reader", "--verb=get,list", "--resource=configmaps", "-n", "rbac-check");
    kubectl.ok("create", "rolebinding", "cm-reader", "--role=cm-reader", "--serviceaccount=rbac-check:reader",
        "-n", "rbac-check");
    Kubectl reader = kubectl.as(cp.serviceAccountKubeconfig("rbac-check", "reader"));
    assertThat(reader.run("get", "configmaps", "-n", "rbac-check").exitCode()).isZero();
    Kubectl.Result denied = reader.run("get", "secrets", "-n", "rbac-check");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.err()).contains("Forbidden", "system:serviceaccount:rbac-check:reader", "secrets");
  }

  @Test
  void deletingAnOwnerGarbageCollectsItsDependents() throws InterruptedException {
    kubectl.ok("create", "namespace", "gc-check");
    kubectl.ok("create", "configmap", "owner", "-n", "gc-check");
    String uid = kubectl.ok("get", "configmap", "owner", "-n", "gc-check", "-o", "jsonpath={.metadata.uid}");
    kubectl.apply("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: dependent
          namespace: gc-check
          ownerReferences:
          - {apiVersion: v1, kind: ConfigMap, name: owner, uid: %s}
        """.formatted(uid));
    assertThat(kubectl.run("get", "configmap", "dependent", "-n", "gc-check").exitCode()).isZero();
    kubectl.ok("delete", "configmap", "owner", "-n", "gc-check", "--wait=true");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (kubectl.run("get", "configmap", "dependent", "-n", "gc-check").exitCode() == 0
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    assertThat(kubectl.run("get", "configmap", "dependent", "-n", "gc-check").err()).contains("NotFound");
  }

  @Test
  void serversLeftByAKilledJvmAreEndedByTheNextStart(@TempDir Path base) throws Exception {
    Path dir = Files.createDirectories(base.resolve("cp-dead"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dir.resolve(StaleControlPlanes.OWNER), Long.toString(gone.pid()));
    Process orphan = new ProcessBuilder("bash", "-c", "sleep 300; exit 0", dir.toString()).start();
    Files.writeString(dir.resolve("etcd.pid"), Long.toString(orphan.pid()));
    Process unrelated = new ProcessBuilder("sleep", "300").start();
    Files.writeString(dir.resolve("kube-apiserver.pid"), Long.toString(unrelated.pid()));
    try {
      StaleControlPlanes.reap(base);
      assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("orphan ended").isTrue();
      assertThat(unrelated.isAlive()).as("a process not started for that folder is left alone").isTrue();
      assertThat(dir.resolve("etcd.pid")).doesNotExist();
    } finally {
      orphan.destroyForcibly();
      unrelated.destroyForcibly();
    }
  }
}
