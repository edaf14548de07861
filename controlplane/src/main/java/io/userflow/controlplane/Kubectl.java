package io.userflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real kubectl built by cluster/build.sh, against one kubeconfig. What it prints is what a user sees. */
public final class Kubectl {
  private static final long TIMEOUT_MINUTES = 10;
  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  /** The same kubectl with another identity. */
  public Kubectl as(Path otherKubeconfig) {
    return new Kubectl(binary, otherKubeconfig);
  }

  public record Result(int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  public Result run(String... args) {
    return run(List.of(args), null);
  }

  /** Runs kubectl with {@code stdin} (may be null) on its standard input. */
  public Result run(List<String> args, String stdin) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      Process p = pb.start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " ran over " + TIMEOUT_MINUTES + " min");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs kubectl and returns its stdout; a non-zero exit is an error carrying what kubectl said. */
  public String ok(String... args) {
    Result r = run(args);
    if (!r.ok()) {
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + r.exitCode() + ": "
          + r.err().strip());
    }
    return r.out();
  }

  /** {@code kubectl apply -f -} of a manifest, with any further flags. */
  public Result apply(String manifest, String... extra) {
    List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
    args.addAll(List.of(extra));
    return run(args, manifest);
  }

  /**
   * Waits until every CRD is Established. {@code kubectl wait} fails at once on a CRD whose status has no
   * conditions yet (right after it was applied), so this polls the condition itself.
   */
  public void awaitEstablished(java.time.Duration timeout, java.util.Collection<String> crds) {
    java.time.Instant deadline = java.time.Instant.now().plus(timeout);
    for (String crd : crds) {
      while (!"True".equals(run("get", "crd", crd, "-o",
          "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").out().strip())) {
        if (java.time.Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("CRD " + crd + " not Established within " + timeout);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
