package io.userflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The checked-in Trino queries ({@code trino/queries/*.sql}, one statement each) as the CLI would send them. */
final class QueryFiles {
  private QueryFiles() {}

  /** File name to statement: comment lines and the closing semicolon removed. */
  static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> queries = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        String sql = Files.readAllLines(f).stream().filter(l -> !l.strip().startsWith("--"))
            .collect(Collectors.joining("\n")).strip();
        queries.put(f.getFileName().toString(), sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
      }
    }
    return queries;
  }
}
