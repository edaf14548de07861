package io.userflow.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of a child JVM: {@code java <jvmArgs> -cp <classpath> <mainClass> <args>}, using the
 * same {@code java} as the current JVM.
 *
 * @param jvmArgs options before {@code -cp}, e.g. {@code -Xmx512m}
 * @param classpath class path, entries separated by the platform separator (a {@code dir/*} wildcard works)
 * @param mainClass fully qualified main class
 * @param args program arguments
 */
public record JavaCommand(List<String> jvmArgs, String classpath, String mainClass, List<String> args) {

  public JavaCommand {
    jvmArgs = List.copyOf(jvmArgs);
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(mainClass, "mainClass");
    args = List.copyOf(args);
  }

  /** The running JVM's {@code java} executable. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(currentJava().toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }
}
