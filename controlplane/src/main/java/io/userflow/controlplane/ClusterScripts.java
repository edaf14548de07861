package io.userflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cached build scripts of cluster/ (build.sh, images.sh): progress on stderr, the result folder on stdout. */
final class ClusterScripts {
  private ClusterScripts() {}

  /** Runs {@code cluster/<name>} of the repository and returns the folder it printed last. */
  static Path run(Path repoRoot, String name) {
    Path script = repoRoot.resolve("cluster").resolve(name);
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no " + script + ": run from a userflow checkout or set userflow.repo.root");
    }
    try {
      Process p = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      int rc = p.waitFor();
      if (rc != 0 || out.isEmpty()) {
        throw new IllegalStateException("cluster/" + name + " failed (exit " + rc + "); run it by hand to see why");
      }
      return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
