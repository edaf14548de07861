package io.userflow.controlplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI image layout on disk with one tagged image, changed with umoci ({@code raw add-layer}, {@code config}) and
 * read with tar: what {@link DockerfileImage} does to a copy of a cluster/images.sh base.
 */
final class OciLayout {
  private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"sha256:([0-9a-f]{64})\"");

  private final Path dir;
  private String tag;

  private OciLayout(Path dir, String tag) {
    this.dir = dir;
    this.tag = tag;
  }

  /** The layout of an archive images.sh (or {@link #archive}) wrote, unpacked into {@code dir}. */
  static OciLayout unpack(Path archive, Path dir, String tag) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(List.of("tar", "-xf", archive.toString(), "-C", dir.toString()));
    return new OciLayout(dir, tag);
  }

  /** The image under a new tag only (one tag in the archive: ctr import names the image by it). */
  void retag(String newTag) {
    run(List.of("umoci", "tag", "--image", image(), newTag));
    run(List.of("umoci", "rm", "--image", image()));
    tag = newTag;
  }

  /** An uncompressed layer tar on top (umoci gzips it), with a history entry. */
  void addLayer(Path layerTar, String createdBy) {
    run(List.of("umoci", "raw", "add-layer", "--image", image(), "--history.created_by", createdBy,
        layerTar.toString()));
  }

  /** {@code umoci config} with these options (nothing when empty). */
  void config(List<String> options) {
    if (options.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("umoci", "config", "--image", image(),
        "--history.created_by", "DockerfileImage: the Dockerfile's config"));
    cmd.addAll(options);
    run(cmd);
  }

  /** Drops the blobs no longer referenced, then writes the layout as a tar (written aside, then moved in). */
  void archive(Path out) {
    run(List.of("umoci", "gc", "--layout", dir.toString()));
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    run(List.of("tar", "-C", dir.toString(), "-cf", tmp.toString(), "."));
    try {
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The image's layer blobs (gzipped tars), lowest first. */
  List<Path> layers() {
    try {
      Matcher index = DIGEST.matcher(Files.readString(dir.resolve("index.json")));
      if (!index.find()) {
        throw new IllegalStateException("no manifest in " + dir.resolve("index.json"));
      }
      String manifest = Files.readString(blob(index.group(1)));
      Matcher layer = DIGEST.matcher(manifest.substring(manifest.indexOf("\"layers\"")));
      List<Path> out = new ArrayList<>();
      while (layer.find()) {
        out.add(blob(layer.group(1)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every path of the image's file system (absolute, no trailing slash) and whether it is a folder, from its layers'
   * tar listings (whiteouts applied): what a COPY finds already there.
   */
  Map<String, Boolean> paths() {
    Map<String, Boolean> paths = new HashMap<>();
    paths.put("/", true);
    for (Path layer : layers()) {
      for (String entry : lines(List.of("tar", "-tzf", layer.toString()))) {
        String p = "/" + entry.replaceFirst("^\\./", "").replaceFirst("^/", "");
        boolean folder = p.endsWith("/");
        p = folder && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
        String name = p.substring(p.lastIndexOf('/') + 1);
        String parent = p.substring(0, Math.max(1, p.lastIndexOf('/')));
        if (name.equals(".wh..wh..opq")) {
          paths.keySet().removeIf(q -> q.startsWith(parent.equals("/") ? "/" : parent + "/") && !q.equals(parent));
        } else if (name.startsWith(".wh.")) {
          String gone = (parent.equals("/") ? "" : parent) + "/" + name.substring(4);
          paths.keySet().removeIf(q -> q.equals(gone) || q.startsWith(gone + "/"));
        } else if (!p.equals("/")) {
          paths.put(p, folder);
        }
      }
    }
    return paths;
  }

  private Path blob(String sha256) {
    return dir.resolve("blobs/sha256/" + sha256);
  }

  private String image() {
    return dir + ":" + tag;
  }

  /** Runs a command, failing with its output. */
  static void run(List<String> cmd) {
    lines(cmd);
  }

  private static List<String> lines(List<String> cmd) {
    Path err = null;
    try {
      err = Files.createTempFile("userflow-oci-", ".err");
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      List<String> out = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.add(line);
        }
      }
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + rc + "): "
            + Files.readString(err).strip());
      }
      return out;
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("error=2,")) {
        throw new IllegalStateException(cmd.get(0) + " is missing: apt-get install -y " + cmd.get(0), e);
      }
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (err != null) {
        err.toFile().delete();
      }
    }
  }
}
