package io.userflow.jobs.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Record values as JSON lines: one value per line, each followed by {@code \n}, UTF-8, nothing else. */
public final class JsonLinesFile {
  private JsonLinesFile() {}

  public static void write(Path file, List<String> values) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (String v : values) {
        if (v.indexOf('\n') >= 0) {
          throw new IllegalArgumentException("a record value contains a newline and cannot be a JSON line: " + v);
        }
        out.write(v.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
  }

  /**
   * The lines of {@code file} as raw bytes, split on {@code \n} only: nothing is decoded, trimmed or
   * skipped (a {@code \r} or an empty line is kept); a final {@code \n} does not start another line.
   */
  public static List<byte[]> readValues(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("input file not found: " + file.toAbsolutePath());
    }
    byte[] all = Files.readAllBytes(file);
    List<byte[]> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        lines.add(Arrays.copyOfRange(all, from, i));
        from = i + 1;
      }
    }
    if (from < all.length) {
      lines.add(Arrays.copyOfRange(all, from, all.length));
    }
    return lines;
  }
}
