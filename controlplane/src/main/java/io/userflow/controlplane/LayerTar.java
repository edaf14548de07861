package io.userflow.controlplane;

import io.userflow.controlplane.Dockerfile.Copy;
import io.userflow.controlplane.Dockerfile.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The layer tar of one Dockerfile step, as BuildKit lays it down: a COPY's files with their modes and bytes, owned
 * by its {@code --chown} (root without), a source folder's contents into the destination; the folders the step makes
 * because the image lacks them are owned by the same owner, mode 0755 (BuildKit's fsutil {@code MkdirAll} chowns
 * each folder it makes); folders already in the image are left out of the tar, so they keep their owner and mode.
 * Files are staged as hard links to the build context (a copy across file systems), then tarred with
 * {@code --numeric-owner --mtime=@0} in name order: the same inputs give the same tar.
 */
final class LayerTar {
  private final Path stage;
  private final Map<String, Boolean> image;   // path -> is a folder: the base's, then what earlier steps added
  private final SortedSet<String> entries = new TreeSet<>();   // paths in the tar, relative

  private LayerTar(Path stage, Map<String, Boolean> image) {
    this.stage = stage;
    this.image = image;
  }

  /** A COPY's layer, written to {@code tar}; {@code image} gets what it adds. */
  static void copy(Path repoRoot, Copy copy, Map<String, Boolean> image, Path stage, Path tar) throws IOException {
    LayerTar layer = new LayerTar(stage, image);
    for (String source : copy.sources()) {
      Path src = repoRoot.resolve(source);
      String dest = copy.destination();
      if (Files.isDirectory(src)) {
        String into = dest.endsWith("/") && dest.length() > 1 ? dest.substring(0, dest.length() - 1) : dest;
        layer.folders(into);
        try (Stream<Path> walk = Files.walk(src)) {
          for (Path p : walk.filter(p -> !p.equals(src)).sorted().toList()) {
            layer.add(p, into + "/" + src.relativize(p));
          }
        }
      } else {
        String target = dest.endsWith("/") || Boolean.TRUE.equals(image.get(dest))
            ? (dest.endsWith("/") ? dest : dest + "/") + src.getFileName() : dest;
        layer.folders(target.substring(0, Math.max(1, target.lastIndexOf('/'))));
        layer.add(src.toRealPath(), target);   // a linked source file is copied as its target, as in Docker
      }
    }
    layer.tar(copy.owner(), tar);
  }

  /** A WORKDIR's layer (its folder and missing parents, root's), or false when the image has the folder already. */
  static boolean workdir(String path, Map<String, Boolean> image, Path stage, Path tar) throws IOException {
    LayerTar layer = new LayerTar(stage, image);
    layer.folders(path);
    if (layer.entries.isEmpty()) {
      return false;
    }
    layer.tar(Owner.ROOT, tar);
    return true;
  }

  /** The folder and its parents: staged; those the image lacks are entries of the layer. */
  private void folders(String path) throws IOException {
    String at = "";
    for (String name : path.substring(1).split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      at = at + "/" + name;
      Boolean folder = image.get(at);
      if (Boolean.FALSE.equals(folder)) {
        throw new IllegalArgumentException(at + " is a file or a symbolic link in the image, not a folder: a COPY"
            + " through it is not supported here");
      }
      Files.createDirectories(stage.resolve(at.substring(1)));
      if (folder == null) {
        Files.setPosixFilePermissions(stage.resolve(at.substring(1)), PosixFilePermissions.fromString("rwxr-xr-x"));
        entries.add(at.substring(1));
        image.put(at, true);
      }
    }
  }

  /** One source entry at {@code target}: a folder (its mode), a symbolic link (as such) or a file (hard link). */
  private void add(Path src, String target) throws IOException {
    Path to = stage.resolve(target.substring(1));
    if (Files.isSymbolicLink(src)) {
      Files.createSymbolicLink(to, Files.readSymbolicLink(src));
    } else if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to);
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(src));
    } else {
      Files.deleteIfExists(to);   // a later source of the same COPY wins, as in Docker
      try {
        Files.createLink(to, src);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(src, to, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    entries.add(target.substring(1));
    image.put(target, Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS));
  }

  private void tar(Owner owner, Path tar) throws IOException {
    Path list = stage.resolveSibling(stage.getFileName() + ".list");
    Files.write(list, String.join("\0", entries).getBytes(StandardCharsets.UTF_8));
    OciLayout.run(List.of("tar", "-C", stage.toString(), "--numeric-owner", "--owner=" + owner.uid(),
        "--group=" + owner.gid(), "--mtime=@0", "--sort=name", "--no-recursion", "--hard-dereference", "--null",
        "--verbatim-files-from", "-T", list.toString(), "-cf", tar.toString()));
    Files.delete(list);
  }
}
