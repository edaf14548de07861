package io.userflow.controlplane;

import java.nio.file.Path;

/**
 * A Kubeflow SparkApplication (sparkoperator.k8s.io/v1beta2, type Java) of the {@code spark} image that runs a main
 * class of {@link SparkCountApp}'s jar, mounted from the host by a hostPath volume, with a driver and executors as
 * small as NodeIT's spark-submit step uses (the 2-core node fits the driver and two executors), under the chart's
 * driver ServiceAccount, with the security contexts of the restricted Pod Security Standard (which v2.4.0 applies to
 * the pods only through its mutating webhook).
 *
 * <p>The volume goes one of two ways. {@link Volume#POD_TEMPLATES}: in {@code driver.template} and
 * {@code executor.template}, which the controller itself hands to spark-submit as pod templates. {@link
 * Volume#SPEC_VOLUMES}: as users write it, {@code spec.volumes} with {@code volumeMounts}, which v2.4.0's controller
 * hands to spark-submit only for {@code spark-local-dir-*} volumes and leaves every other one to its mutating webhook
 * (without the webhook such a hostPath volume was dropped without a word: the driver found no jar).
 *
 * @param restartPolicy the {@code restartPolicy} object, e.g. {@code {type: Never}}
 */
record SparkApplicationManifest(String namespace, String name, String image, String mainClass, Path jar,
    int executors, String restartPolicy, Volume volume) {
  static final String DRIVER_SERVICE_ACCOUNT = "spark-operator-spark";
  /** The Pod Security Standard "restricted" asks these of every pod and container; the image's user is 185. */
  static final String POD_SECURITY_CONTEXT = "{runAsNonRoot: true, runAsUser: 185, seccompProfile: {type: RuntimeDefault}}";
  static final String SECURITY_CONTEXT = "{allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}";

  enum Volume { POD_TEMPLATES, SPEC_VOLUMES }

  String yaml() {
    String hostPath = "{name: app, hostPath: {path: " + jar.getParent() + ", type: Directory}}";
    String mount = "{name: app, mountPath: /opt/userflow-app, readOnly: true}";
    String specVolumes = volume == Volume.SPEC_VOLUMES ? "volumes: [" + hostPath + "]" : "";
    String driverVolume = volume == Volume.SPEC_VOLUMES ? "volumeMounts: [" + mount + "]"
        : "template: {spec: {volumes: [" + hostPath + "], containers: [{name: spark-kubernetes-driver, volumeMounts: ["
        + mount + "]}]}}";
    String executorVolume = volume == Volume.SPEC_VOLUMES ? "volumeMounts: [" + mount + "]"
        : "template: {spec: {volumes: [" + hostPath + "], containers: [{name: spark-kubernetes-executor, volumeMounts: ["
        + mount + "]}]}}";
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
          restartPolicy: %7$s
          sparkConf:
            spark.scheduler.minRegisteredResourcesRatio: "1.0"
            spark.scheduler.maxRegisteredResourcesWaitingTime: 240s
            spark.kubernetes.executor.deleteOnTermination: "false"
          %11$s
          driver:
            serviceAccount: %8$s
            coreRequest: 200m
            memory: 512m
            podSecurityContext: %9$s
            securityContext: %10$s
            %12$s
          executor:
            instances: %6$d
            coreRequest: 200m
            memory: 512m
            podSecurityContext: %9$s
            securityContext: %10$s
            %13$s
        """.formatted(namespace, name, image, mainClass, jar.getFileName(), executors, restartPolicy,
        DRIVER_SERVICE_ACCOUNT, POD_SECURITY_CONTEXT, SECURITY_CONTEXT, specVolumes, driverVolume, executorVolume);
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
