package io.userflow.operator.e2e;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.userflow.operator.secrets.SecretKeyRefs;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationSpec;
import io.userflow.process.JavaCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver JVM spark-submit would start for a SparkApplication, on this machine: the image's jobs jar becomes the
 * jobs' build class path, {@code sparkConf} becomes {@code -Dspark.*} properties (which SparkConf reads), the driver
 * memory becomes {@code -Xmx}, the master is local, and the driver's env is resolved as spark-submit and the kubelet
 * would, Secret references ({@code spark.kubernetes.driver.secretKeyRef.*}) included. {@code jvmOptions} play
 * {@code spark.driver.extraJavaOptions}. Pure: the Secret values come
 * from the caller.
 *
 * @param command the {@code java ...} command line
 * @param env environment variables to add to the driver's
 */
record DriverCommand(List<String> command, Map<String, String> env) {
  static final String MASTER = "local[2]";

  /** Reads one key of a Secret, null when the Secret or the key does not exist. */
  interface SecretValues {
    String get(String secretName, String key);
  }

  static DriverCommand of(SparkApplication app, String jobsClasspath, List<String> jvmOptions,
      SecretValues secrets) {
    SparkApplicationSpec spec = app.getSpec();
    List<String> jvm = new ArrayList<>(jvmOptions);
    if (spec.driver != null && spec.driver.memory != null) {
      jvm.add("-Xmx" + spec.driver.memory);
    }
    spec.sparkConf.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
    List<String> args = new ArrayList<>(spec.arguments);
    args.add("--master");
    args.add(MASTER);
    return new DriverCommand(new JavaCommand(jvm, jobsClasspath, spec.mainClass, args).command(),
        env(app, secrets));
  }

  /** The driver's environment: Spark's {@code spark.kubernetes.driver.secretKeyRef.*} and the pod's env. */
  private static Map<String, String> env(SparkApplication app, SecretValues secrets) {
    Map<String, String> env = new LinkedHashMap<>();
    app.getSpec().sparkConf.forEach((key, ref) -> {
      if (key.startsWith(SecretKeyRefs.DRIVER)) {
        String[] secretAndKey = ref.split(":", 2);
        env.put(key.substring(SecretKeyRefs.DRIVER.length()),
            secret(secrets, secretAndKey[0], secretAndKey[1], key.substring(SecretKeyRefs.DRIVER.length()), false));
      }
    });
    List<EnvVar> vars = app.getSpec().driver == null || app.getSpec().driver.env == null ? List.of()
        : app.getSpec().driver.env;
    for (EnvVar var : vars) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        continue;
      }
      SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
      if (ref == null) {
        throw new IllegalArgumentException("env " + var.getName() + ": only secretKeyRef is supported here");
      }
      String value = secret(secrets, ref.getName(), ref.getKey(), var.getName(), Boolean.TRUE.equals(ref.getOptional()));
      if (value != null) {
        env.put(var.getName(), value);
      }
    }
    return env;
  }

  private static String secret(SecretValues secrets, String name, String key, String env, boolean optional) {
    String value = secrets.get(name, key);
    if (value == null && !optional) {
      // what the kubelet reports as CreateContainerConfigError
      throw new IllegalArgumentException("secret \"" + name + "\" or its key \"" + key + "\" not found (env " + env
          + ")");
    }
    return value;
  }
}
