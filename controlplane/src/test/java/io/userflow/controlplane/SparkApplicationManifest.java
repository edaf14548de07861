package io.userflow.controlplane;

import java.nio.file.Path;

/**
 * A Kubeflow SparkApplication (sparkoperator.k8s.io/v1beta2, type Java) of the {@code spark} image that runs a main
 * class of {@link SparkCountApp}'s jar, mounted from the host by a hostPath volume, with a driver and executors as
 * small as NodeIT's spark-submit step uses (the 2-core node fits the driver and two executors), under the chart's
 * driver ServiceAccount, with the security contexts of the restricted Pod Security Standard (which v2.4.0 applies to
 * the pods only through its mutating webhook). The volume is in the driver's and executors' pod templates: v2.4.0's controller hands
 * {@code spec.volumes} and {@code volumeMounts} to spark-submit only for {@code spark-local-dir-*} volumes and leaves
 * every other one to its mutating webhook, which does not run here (a hostPath volume there was silently dropped).
 *
 * @param restartPolicy the {@code restartPolicy} object, e.g. {@code {type: Never}}
 */
record SparkApplicationManifest(String namespace, String name, String image, String mainClass, Path jar,
    int executors, String restartPolicy) {
  static final String DRIVER_SERVICE_ACCOUNT = "spark-operator-spark";
  /** The Pod Security Standard "restricted" asks these of every pod and container; the image's user is 185. */
  static final String POD_SECURITY_CONTEXT = "{runAsNonRoot: true, runAsUser: 185, seccompProfile: {type: RuntimeDefault}}";
  static final String SECURITY_CONTEXT = "{allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}";

  String yaml() {
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
          mainApplicationFile: local:///opt/userflow-app/%5$s
          restartPolicy: %8$s
          sparkConf:
            spark.scheduler.minRegisteredResourcesRatio: "1.0"
            spark.scheduler.maxRegisteredResourcesWaitingTime: 240s
            spark.kubernetes.executor.deleteOnTermination: "false"
          driver:
            serviceAccount: %9$s
            coreRequest: 200m
            memory: 512m
            podSecurityContext: %10$s
            securityContext: %11$s
            template:
              spec:
                volumes: [{name: app, hostPath: {path: %6$s, type: Directory}}]
                containers:
                - name: spark-kubernetes-driver
                  volumeMounts: [{name: app, mountPath: /opt/userflow-app, readOnly: true}]
          executor:
            instances: %7$d
            coreRequest: 200m
            memory: 512m
            podSecurityContext: %10$s
            securityContext: %11$s
            template:
              spec:
                volumes: [{name: app, hostPath: {path: %6$s, type: Directory}}]
                containers:
                - name: spark-kubernetes-executor
                  volumeMounts: [{name: app, mountPath: /opt/userflow-app, readOnly: true}]
        """.formatted(namespace, name, image, mainClass, jar.getFileName(), jar.getParent(), executors, restartPolicy,
        DRIVER_SERVICE_ACCOUNT, POD_SECURITY_CONTEXT, SECURITY_CONTEXT);
  }

  /** The driver pod's name: v2.4.0's controller names it {@code <application>-driver}. */
  String driverPod() {
    return name + "-driver";
  }

  /** The label the controller puts on the application's driver and executor pods. */
  String podSelector() {
    return "sparkoperator.k8s.io/app-name=" + name;
  }
}
