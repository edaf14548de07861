package io.userflow.jobs.testing;

import io.userflow.process.JavaCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches a jobs main class in its own JVM, with this JVM's {@code --add-opens} flags and the jobs runtime
 * class path that surefire passes as {@code userflow.jobs.classpath}: the main and test classes, then the runtime
 * dependencies (entries ending in {@code .txt} are files holding a class path).
 */
public final class JobJvm {
  public static final String CLASSPATH_PROPERTY = "userflow.jobs.classpath";

  private JobJvm() {}

  public static Process start(Class<?> main, List<String> jvmArgs, List<String> args, Path log) throws IOException {
    return start(main, jvmArgs, args, java.util.Map.of(), log);
  }

  /** With {@code env} added to this JVM's environment, as a pod's env adds to the image's. */
  public static Process start(Class<?> main, List<String> jvmArgs, List<String> args, java.util.Map<String, String> env,
      Path log) throws IOException {
    List<String> jvm = new ArrayList<>(jvmArgs);
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
        .forEach(jvm::add);
    ProcessBuilder pb = new ProcessBuilder(new JavaCommand(jvm, classpath(), main.getName(), args).command())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  public static String classpath() {
    String spec = System.getProperty(CLASSPATH_PROPERTY);
    if (spec == null || spec.isBlank()) {
      throw new IllegalStateException("system property " + CLASSPATH_PROPERTY + " is not set; run the test through Maven");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : spec.split(File.pathSeparator)) {
      if (entry.endsWith(".txt")) {
        try {
          entries.add(Files.readString(Path.of(entry)).trim());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read class path file " + entry, e);
        }
      } else if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The last lines of a log, for failure messages. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
