package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** v1beta2 DriverSpec / ExecutorSpec, the fields userflow sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SparkPodSpec {
  /** CPU cores. */
  public Integer cores;
  /** CPU the pod requests, e.g. 500m; null: {@link #cores}. */
  public String coreRequest;
  /** Memory, e.g. 1g. */
  public String memory;
  /** Executor count; null for the driver. */
  public Integer instances;
  /** Service account (driver). */
  public String serviceAccount;
  /** Pod labels. */
  public Map<String, String> labels = new LinkedHashMap<>();
  /**
   * Environment variables; userflow sets none here (Secret references need the spark-operator's webhook): see
   * SecretKeyRefs for how Secret values reach the pods.
   */
  public List<EnvVar> env;
  /** The pod's security context (applied to the pod by the spark-operator's webhook). */
  public PodSecurityContext podSecurityContext;
  /** The Spark container's security context (applied by the spark-operator's webhook). */
  public SecurityContext securityContext;
}
