package io.userflow.devkit.simulator;

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

  /**
   * {@link #readValues}, refusing a file that is not JSON lines: missing, empty, a first line that is not a JSON
   * object (a CSV header, a JSON array, binary), or more lines that are not JSON objects than {@code maxBadShare} of
   * all. Fewer are kept: they are the malformed records Silver rejects with a reason. The message names the file and
   * the first bad line.
   */
  public static List<byte[]> readJsonLines(Path file, double maxBadShare) throws IOException {
    List<byte[]> lines = readValues(file);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty: no JSON lines to send");
    }
    int bad = 0;
    int firstBad = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (!isJsonObject(lines.get(i))) {
        bad++;
        firstBad = firstBad < 0 ? i : firstBad;
      }
    }
    if (firstBad == 0 || bad > maxBadShare * lines.size()) {
      String line = new String(lines.get(firstBad), StandardCharsets.UTF_8);
      throw new IllegalArgumentException(String.format("%s is not JSON lines: line %d is not a JSON object (%s)%s", file,
          firstBad + 1, line.length() > 60 ? line.substring(0, 60) + "..." : line, firstBad == 0 ? ""
              : String.format("; %d of %d lines are not, more than the %.0f%% allowed", bad, lines.size(), 100 * maxBadShare)));
    }
    return lines;
  }

  private static boolean isJsonObject(byte[] line) {
    try {
      return MAPPER.readTree(line) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
    } catch (IOException e) {
      return false;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
}
