package io.userflow.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The Spark job NodeIT submits to the cluster: a main class that counts a range over its executors and prints the
 * count and how many executors it had, and one that fails the way a stage does (one {@code error:} line, a non-zero
 * exit) before it starts a session. Compiled here (javac and jar of this JDK) against a Spark distribution's
 * jars, so that this module needs no Spark dependency.
 */
final class SparkCountApp {
  static final String CLASS = "UserflowCount";
  static final String EXPECTED_OUTPUT = "userflow-count: 1000000 rows";
  static final String FAILING_CLASS = "UserflowFail";
  static final String FAILING_OUTPUT = "error: userflow-fail: the input table does not exist";

  private static final String SOURCE = """
      import org.apache.spark.sql.SparkSession;

      public class UserflowCount {
        public static void main(String[] args) {
          SparkSession spark = SparkSession.builder().appName("userflow-count").getOrCreate();
          long rows = spark.range(0, 1_000_000, 1, 8).count();
          int executors = spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
          System.out.println("userflow-count: " + rows + " rows on " + executors + " executors");
          spark.stop();
        }
      }
      """;

  private static final String FAILING_SOURCE = """
      public class UserflowFail {
        public static void main(String[] args) {
          System.err.println("%s");
          System.exit(2);
        }
      }
      """.formatted(FAILING_OUTPUT);

  private SparkCountApp() {}

  /** Compiles the main classes into {@code dir/count.jar} (readable by the pods' uid 185) and returns that jar. */
  static Path jar(Path sparkHome, Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(src.resolve(CLASS + ".java"), SOURCE);
    Files.writeString(src.resolve(FAILING_CLASS + ".java"), FAILING_SOURCE);
    String classpath;    // javac's API does not expand "jars/*" as the java launcher does
    try (var jars = Files.list(sparkHome.resolve("jars"))) {
      classpath = String.join(java.io.File.pathSeparator,
          jars.map(Path::toString).filter(j -> j.endsWith(".jar")).sorted().toList());
    }
    run("javac", "--release", "17", "-cp", classpath, "-d", classes.toString(),
        src.resolve(CLASS + ".java").toString(), src.resolve(FAILING_CLASS + ".java").toString());
    Path jar = Files.createDirectories(dir.resolve("jar")).resolve("count.jar");
    run("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
    for (Path p : List.of(dir, dir.resolve("jar"))) {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(jar, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    return jar;
  }

  /** Compiles one main class of {@code source} against {@code classpath} (in {@code dir}) into {@code jar}. */
  static Path compile(String className, String source, String classpath, Path dir, Path jar) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(src.resolve(className + ".java"), source);
    run("javac", "--release", "17", "-cp", classpath, "-d", classes.toString(), src.resolve(className + ".java").toString());
    run("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
    return jar;
  }

  private static void run(String tool, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.PrintWriter w = new java.io.PrintWriter(out);
    int rc = ToolProvider.findFirst(tool).orElseThrow(() -> new IllegalStateException("no " + tool + " in this JDK"))
        .run(w, w, args);
    w.flush();
    if (rc != 0) {
      throw new IllegalStateException(tool + " " + String.join(" ", args) + " exited " + rc + ": " + out);
    }
  }
}
