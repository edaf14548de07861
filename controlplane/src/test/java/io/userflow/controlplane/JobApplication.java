package io.userflow.controlplane;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A SparkApplication of one of our jobs (or the Bronze seed) on the spark image: the jars of {@link SparkJobs} on
 * the driver's and the executors' class path from a read-only hostPath volume, and the catalog's folder read-write
 * at the same path as on the host, both as {@code spec.volumes} (which v2.4.0 mounts through its webhook); the
 * driver and executors as small as {@link SparkApplicationManifest}'s, under the same security contexts.
 */
record JobApplication(String namespace, String name, String image, String mainClass, String mainJar,
    List<String> arguments, Path lib, Path data, int executors, String restartPolicy) {
  /** A batch job's: one run. */
  static final String NEVER = "{type: Never}";
  /**
   * The streaming Bronze application's, as the operator renders it (RestartPolicy.always): resubmitted after every
   * end, here after 5 s instead of the operator's 30 so that the test waits less.
   */
  static final String ALWAYS = "{type: Always, onFailureRetryInterval: 5, onSubmissionFailureRetryInterval: 5}";

  String yaml() {
    String args = arguments.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
    String mounts = "volumeMounts: [{name: lib, mountPath: " + SparkJobs.LIB_MOUNT + ", readOnly: true}, "
        + "{name: data, mountPath: " + data + "}]";
    return """
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata: {name: %2$s, namespace: %1$s}
        spec:
          type: Java
          mode: cluster
          sparkVersion: 4.1.1
          image: %3$s
          imagePullPolicy: Never
          mainClass: %4$s
          mainApplicationFile: local://%5$s/%6$s
          arguments: [%7$s]
          restartPolicy: %15$s
          sparkConf:
            spark.driver.extraClassPath: "%5$s/*"
            spark.executor.extraClassPath: "%5$s/*"
            spark.sql.shuffle.partitions: "4"
            spark.scheduler.minRegisteredResourcesRatio: "1.0"
            spark.scheduler.maxRegisteredResourcesWaitingTime: 240s
            spark.kubernetes.executor.deleteOnTermination: "false"
          volumes:
          - {name: lib, hostPath: {path: %8$s, type: Directory}}
          - {name: data, hostPath: {path: %9$s, type: Directory}}
          driver:
            serviceAccount: %10$s
            coreRequest: 200m
            memory: 768m
            podSecurityContext: %11$s
            securityContext: %12$s
            %13$s
          executor:
            instances: %14$d
            coreRequest: 200m
            memory: 512m
            podSecurityContext: %11$s
            securityContext: %12$s
            %13$s
        """.formatted(namespace, name, image, mainClass, SparkJobs.LIB_MOUNT, mainJar, args, lib, data,
        SparkApplicationManifest.DRIVER_SERVICE_ACCOUNT, SparkApplicationManifest.POD_SECURITY_CONTEXT,
        SparkApplicationManifest.SECURITY_CONTEXT, mounts, executors, restartPolicy);
  }

  String driverPod() {
    return name + "-driver";
  }

  String podSelector() {
    return "sparkoperator.k8s.io/app-name=" + name;
  }
}
