package io.userflow.controlplane;

import io.userflow.process.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver ({@code --authorization-mode=RBAC}, a static
 * admin token in {@code system:masters}, service-account token signing for the TokenRequest API) and
 * kube-controller-manager running the garbage collector, namespace and service-account controllers. No kubelet and
 * no scheduler: pods are stored, never run ({@link Node} adds both). The API server makes its own serving
 * certificate; the kubeconfig trusts exactly that certificate. {@link #close()} stops every process it started; a JVM killed before that
 * leaves them to the next start ({@link StaleControlPlanes}).
 */
public final class ControlPlane extends ServerFolder {
  /** The controllers a cluster without nodes needs for what the tests prove (ownerReferences, namespaces, tokens). */
  public static final List<String> CONTROLLERS = List.of("garbage-collector-controller", "namespace-controller",
      "serviceaccount-controller", "serviceaccount-token-controller");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final ControlPlaneBinaries binaries;
  private final String server;
  private final String adminToken;

  private ControlPlane(ControlPlaneBinaries binaries, Path dir, String server, String adminToken) {
    super(dir);
    this.binaries = binaries;
    this.server = server;
    this.adminToken = adminToken;
  }

  /** Starts a new control plane in a fresh folder under {@code base}; returns once it serves and its controllers run. */
  public static ControlPlane start(ControlPlaneBinaries binaries, Path base) {
    try {
      Files.createDirectories(base);
      StaleControlPlanes.reap(base);
      Path dir = owned(Files.createDirectories(base.resolve("cp-" + ProcessHandle.current().pid() + "-"
          + Instant.now().toEpochMilli())));
      int apiPort = ChildProcesses.freePort();
      ControlPlane cp = new ControlPlane(binaries, dir, "https://127.0.0.1:" + apiPort, randomToken());
      cp.boot(() -> cp.serve(apiPort));
      return cp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serve(int apiPort) throws IOException {
    long t0 = System.nanoTime();
    int etcdPort = ChildProcesses.freePort();
    int peerPort = ChildProcesses.freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    say("starting etcd on %s", etcdUrl);
    start("etcd", List.of(binaries.command("etcd").toString(), "--name=userflow",
        "--data-dir=" + dir.resolve("etcd"), "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
        "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=userflow=" + peerUrl, "--unsafe-no-fsync=true", "--log-level=warn"));

    Path tokens = dir.resolve("tokens.csv");
    Files.writeString(tokens, adminToken + ",userflow-admin,userflow-admin,\"system:masters\"\n");
    writeServiceAccountKeys();
    Files.writeString(dir.resolve("audit-policy.yaml"), String.join("\n", "apiVersion: audit.k8s.io/v1",
        "kind: Policy", "omitStages: [RequestReceived]", "rules:", "- level: Metadata", ""));
    Path certs = Files.createDirectories(dir.resolve("apiserver-certs"));
    say("starting kube-apiserver on %s", server);
    start("kube-apiserver", List.of(binaries.command("kube-apiserver").toString(),
        "--etcd-servers=" + etcdUrl, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
        "--secure-port=" + apiPort, "--cert-dir=" + certs, "--token-auth-file=" + tokens,
        "--authorization-mode=RBAC", "--service-cluster-ip-range=10.96.0.0/16",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--api-audiences=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + dir.resolve("sa.pub"),
        "--service-account-signing-key-file=" + dir.resolve("sa.key"),
        "--audit-policy-file=" + dir.resolve("audit-policy.yaml"), "--audit-log-path=" + auditLog(),
        "--enable-priority-and-fairness=false", "--profiling=false", "--v=0"));
    awaitReady();
    writeKubeconfig(dir.resolve("kubeconfig"), "userflow-admin", adminToken);

    say("starting kube-controller-manager (%s)", String.join(",", CONTROLLERS));
    Path kubeconfig = kubeconfig();
    start("kube-controller-manager", List.of(binaries.command("kube-controller-manager").toString(),
        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1", "--secure-port=" + ChildProcesses.freePort(),
        "--cert-dir=" + Files.createDirectories(dir.resolve("controller-manager-certs")),
        "--leader-elect=false", "--controllers=" + String.join(",", CONTROLLERS),
        "--service-account-private-key-file=" + dir.resolve("sa.key"), "--root-ca-file=" + servingCertificate(),
        "--use-service-account-credentials=false", "--v=0"));
    awaitDefaultServiceAccount();
    say("control plane ready in %.1f s (kubeconfig %s)", (System.nanoTime() - t0) / 1e9, kubeconfig);
  }

  /** The admin kubeconfig (system:masters). */
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /**
   * The API server's audit log, one JSON event per line (metadata level: user, verb, objectRef, responseStatus): who
   * called what and what the server answered, e.g. every 403 a ServiceAccount got.
   */
  public Path auditLog() {
    return dir.resolve("audit.log");
  }

  /** The bearer token of the admin user (group system:masters). */
  public String adminToken() {
    return adminToken;
  }

  public String server() {
    return server;
  }

  /** kubectl as the admin. */
  public Kubectl kubectl() {
    return new Kubectl(binaries.command("kubectl"), kubeconfig());
  }

  public ControlPlaneBinaries binaries() {
    return binaries;
  }

  /**
   * A kubeconfig that authenticates as a ServiceAccount, with a token from the TokenRequest API (what a pod's
   * projected token is), so RBAC applies as it would to a pod running under that account.
   */
  public Path serviceAccountKubeconfig(String namespace, String serviceAccount) {
    String token = kubectl().ok("create", "token", serviceAccount, "-n", namespace, "--duration=24h").strip();
    Path file = dir.resolve("kubeconfig-" + namespace + "-" + serviceAccount);
    writeKubeconfig(file, "system:serviceaccount:" + namespace + ":" + serviceAccount, token, namespace);
    return file;
  }

  /** The API server's self-made serving certificate (with the CA that signed it), PEM. */
  public Path servingCertificate() {
    return dir.resolve("apiserver-certs").resolve("apiserver.crt");
  }

  private void writeKubeconfig(Path file, String user, String token) {
    writeKubeconfig(file, user, token, "default");
  }

  private void writeKubeconfig(Path file, String user, String token, String namespace) {
    try {
      String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(servingCertificate()));
      Files.writeString(file, String.join("\n",
          "apiVersion: v1",
          "kind: Config",
          "clusters:",
          "- name: userflow",
          "  cluster:",
          "    server: " + server,
          "    certificate-authority-data: " + ca,
          "users:",
          "- name: \"" + user + "\"",
          "  user:",
          "    token: " + token,
          "contexts:",
          "- name: userflow",
          "  context:",
          "    cluster: userflow",
          "    user: \"" + user + "\"",
          "    namespace: " + namespace,
          "current-context: userflow",
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create(server + "/readyz"))
        .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      checkAlive();
      try {
        HttpResponse<String> r = http.send(readyz, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && Files.exists(servingCertificate())) {
          return;
        }
        last = r.statusCode() + " " + r.body().lines().filter(l -> l.contains("failed")).toList();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("kube-apiserver not ready after " + READY_TIMEOUT + " (" + last + "); log: "
        + dir.resolve("kube-apiserver.log"));
  }

  /** The service-account controller creates "default" in every namespace: proof the controller manager works. */
  private void awaitDefaultServiceAccount() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      checkAlive();
      if (kubectl().run("get", "serviceaccount", "default", "-n", "default").exitCode() == 0) {
        return;
      }
      pause();
    }
    throw new IllegalStateException("kube-controller-manager made no default ServiceAccount; log: "
        + dir.resolve("kube-controller-manager.log"));
  }

  private void writeServiceAccountKeys() throws IOException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      Files.writeString(dir.resolve("sa.key"), pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
      Files.writeString(dir.resolve("sa.pub"), pem("PUBLIC KEY", kp.getPublic().getEncoded()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  /** The readiness probe only: it runs before the certificate the kubeconfig trusts exists. */
  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void say(String format, Object... args) {
    System.err.printf("controlplane: " + format + "%n", args);
  }

}
