package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** v1beta2 SparkApplicationSpec, the fields userflow sets (names exactly as upstream). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SparkApplicationSpec {
  /** Java, Scala, Python or R. */
  public String type = "Java";
  /** cluster or client. */
  public String mode = "cluster";
  /** Spark version of the image. */
  public String sparkVersion;
  /** Container image. */
  public String image;
  /** Image pull policy. */
  public String imagePullPolicy;
  /** Fully-qualified main class. */
  public String mainClass;
  /** Application jar. */
  public String mainApplicationFile;
  /** Arguments of the main class. */
  public List<String> arguments = new ArrayList<>();
  /** Spark configuration. */
  public Map<String, String> sparkConf = new LinkedHashMap<>();
  /** Hadoop configuration. */
  public Map<String, String> hadoopConf = new LinkedHashMap<>();
  /** Driver pod. */
  public SparkPodSpec driver;
  /** Executor pods. */
  public SparkPodSpec executor;
  /** When the spark-operator resubmits. */
  public RestartPolicy restartPolicy;
  /** Delete the application this long after it terminates. */
  public Long timeToLiveSeconds;
}
