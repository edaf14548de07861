package io.userflow.e2e;

import io.userflow.process.ChildProcess;
import io.userflow.process.ChildProcesses;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A real one-node Trino in its own JVM (JDK 24 or newer), configured from the checked-in {@code trino/etc}: its
 * {@code jvm.config}, {@code node.properties} and {@code config.properties}, with only the port and folders
 * overridden, and the catalog files the caller gives. Queries run in catalog {@value #CATALOG}. Bound to 127.0.0.1; {@link #close()} ends its whole process tree.
 */
final class LocalTrino implements AutoCloseable {
  static final String CATALOG = "userflow";
  /** Trino 476 runs on Java 24 or newer; the build itself stays on 17. */
  static final int MIN_JAVA = 24;
  static final String JAVA_HOME_ENV = "USERFLOW_TRINO_JAVA_HOME";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration NODES_TIMEOUT = Duration.ofSeconds(60);

  /** Trino stops within it when healthy; the old behaviour of waiting 30 s before forcing. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final ChildProcess process;
  private final int port;

  private LocalTrino(ChildProcess process, int port) {
    // a test JVM that dies without @AfterAll must not leave Trino running
    this.process = process.stopOnExit();
    this.port = port;
  }

  /**
   * Starts Trino; returns at once. {@link #awaitReady()} waits until it accepts queries.
   *
   * @param home unpacked trino-server (lib/, plugin/)
   * @param javaHome a JDK Trino accepts
   * @param etc the checked-in trino/etc
   * @param work working directory: the catalog files, Trino's var/ and the server log
   * @param catalogs catalog name → catalog file content
   * @param catalogEnv the environment the catalog files read with ${ENV:...}
   */
  static LocalTrino start(Path home, Path javaHome, Path etc, Path work, Map<String, String> catalogs,
      Map<String, String> catalogEnv) throws IOException {
    int port = ChildProcesses.freePort();
    Path catalogDir = Files.createDirectories(work.resolve("catalog"));
    for (Map.Entry<String, String> catalog : catalogs.entrySet()) {
      Files.writeString(catalogDir.resolve(catalog.getKey() + ".properties"), catalog.getValue());
    }
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    for (String line : Files.readAllLines(etc.resolve("jvm.config"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        command.add(line.strip());
      }
    }
    // what bin/launcher does: node.properties as system properties, config.properties by -Dconfig
    Properties node = new Properties();
    try (var in = Files.newBufferedReader(etc.resolve("node.properties"))) {
      node.load(in);
    }
    node.stringPropertyNames().forEach(k -> command.add("-D" + k + "=" + node.getProperty(k)));
    command.add("-Dnode.id=e2e-" + ProcessHandle.current().pid());
    command.add("-Dconfig=" + etc.resolve("config.properties"));
    // system properties override config.properties
    command.add("-Dhttp-server.http.port=" + port);
    command.add("-Ddiscovery.uri=http://127.0.0.1:" + port);
    command.add("-Dcatalog.config-dir=" + catalogDir);
    command.add("-Dplugin.dir=" + home.resolve("plugin"));
    command.add("-cp");
    command.add(home.resolve("lib") + "/*");
    command.add("io.trino.server.TrinoServer");
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().putAll(catalogEnv);
    return new LocalTrino(ChildProcess.start("Trino", pb, work.resolve("server.log"), STOP_GRACE), port);
  }

  /** Waits until the coordinator reports it has finished starting; fails with the end of the server log. */
  void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info")).build();
    try {
      await("Trino on port " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("Trino exited with " + process.process().exitValue());
            }
            String body = http.send(info, HttpResponse.BodyHandlers.ofString()).body();
            // started is not enough: a query right after it can find no worker registered yet
            return body.replace(" ", "").contains("\"starting\":false") && answers("SELECT 1");
          });
    } catch (RuntimeException e) {
      throw new AssertionError("Trino did not start: " + e.getMessage() + "\n--- end of " + process.log() + " ---\n" + logTail(), e);
    }
  }

  private boolean answers(String sql) {
    try {
      return queryOnce(sql).isPresent();
    } catch (AssertionError notYet) {
      return false;
    }
  }

  /**
   * Runs one query; each row as {@link FeatureRows#normalize normalized} column values. Trino's coordinator learns
   * which nodes serve a catalog by polling its discovery every few seconds, so the first scan of a catalog right after
   * the start can fail with "No nodes available" while {@code SELECT 1} already answers: that one answer is waited
   * out, for at most {@link #NODES_TIMEOUT}; every other failure is the test's.
   */
  List<List<Object>> query(String sql) {
    long deadline = System.nanoTime() + NODES_TIMEOUT.toNanos();
    while (true) {
      Optional<List<List<Object>>> rows = queryOnce(sql);
      if (rows.isPresent()) {
        return rows.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Trino found no node for the query's catalog in " + NODES_TIMEOUT + "\n" + sql
            + "\n--- end of " + process.log() + " ---\n" + logTail());
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for Trino's nodes", e);
      }
    }
  }

  private Optional<List<List<Object>>> queryOnce(String sql) {
    Properties props = new Properties();
    props.setProperty("user", "e2e");
    try (Connection c = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port + "/" + CATALOG, props);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(FeatureRows.normalize(rs.getObject(i)));
        }
        rows.add(row);
      }
      return Optional.of(rows);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("No nodes available to run query")) {
        return Optional.empty();
      }
      throw new AssertionError("Trino query failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  String logTail() {
    return process.tail(40);
  }

  @Override
  public void close() {
    process.close();
  }

  /** {@value #JAVA_HOME_ENV}, else the newest JDK under /usr/lib/jvm that Trino accepts (Temurin 25 here). */
  static Path javaHome() throws IOException {
    String configured = System.getenv(JAVA_HOME_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    Optional<Path> found = Optional.empty();
    int best = 0;
    if (Files.isDirectory(jvms)) {
      try (var dirs = Files.list(jvms)) {
        for (Path dir : dirs.sorted().toList()) {
          int major = majorVersion(dir);
          if (major >= MIN_JAVA && major > best && Files.isExecutable(dir.resolve("bin/java"))) {
            best = major;
            found = Optional.of(dir);
          }
        }
      }
    }
    return found.orElseThrow(() -> new AssertionError("Trino needs a JDK " + MIN_JAVA + "+ and none is under "
        + jvms + "; install one (e.g. Temurin 25) or set " + JAVA_HOME_ENV));
  }

  private static int majorVersion(Path jdk) throws IOException {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(release)) {
      p.load(in);
    }
    String version = p.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
    return Integer.parseInt(version.split("[.+-]")[0]);
  }

}
