package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The streaming Bronze job; its image and transform version are also used by the batch jobs. */
public class StreamingSpec {
  @Required
  @Pattern(Patterns.IMAGE)
  @JsonPropertyDescription("Container image with Spark and the userflow jobs jar (used by every stage).")
  public String image;

  @Required
  @Pattern(Patterns.TRANSFORM_VERSION)
  @JsonPropertyDescription("Version label of the transform code; a change makes the next plan a full rebuild.")
  public String transformVersion;

  @Required
  @Pattern(Patterns.STORAGE_URI)
  @JsonPropertyDescription("Durable checkpoint location of the streaming query; resubmits resume from it. Changing it "
      + "once submitted would start Bronze over from startingOffsets, so the change is refused (ReingestRefused, the "
      + "application keeps running) unless the pipeline is annotated userflow.io/migrate-checkpoint-location=<new "
      + "value>.")
  public String checkpointLocation;

  @Default("10s")
  @Pattern(Patterns.TRIGGER_INTERVAL)
  @JsonPropertyDescription("Micro-batch trigger interval, e.g. 10s.")
  public String triggerInterval = "10s";

  @Default("local:///opt/userflow/userflow-jobs.jar")
  @Pattern(Patterns.STORAGE_URI)
  @JsonPropertyDescription("Location of the jobs jar, usually inside the image.")
  public String applicationFile = "local:///opt/userflow/userflow-jobs.jar";

  @Default("4.1.1")
  @Pattern(Patterns.SPARK_VERSION)
  @JsonPropertyDescription("Spark version of the image.")
  public String sparkVersion = "4.1.1";

  @Default("spark")
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Service account of the Spark driver pods.")
  public String serviceAccount = "spark";

  @Default("185")
  @Min(1)
  @Max(2147483647)
  @JsonPropertyDescription("Non-root user id (and group id) the driver and executor containers run as; 185 is the "
      + "user of the Apache Spark images. The pods meet the restricted Pod Security Standard.")
  public long runAsUser = 185;

  /** A driver that has restarted this often is crash-looping, not recovering. */
  public static final int DEGRADED_AFTER_RESTARTS = 3;

  @Default("3")
  @Min(1)
  @Max(2147483647)
  @JsonPropertyDescription("Driver restarts of the streaming application after which the pipeline is Degraded "
      + "(reason StreamingCrashLoop, with the count and the driver's last error line) even while it shows RUNNING.")
  public int degradedAfterRestarts = DEGRADED_AFTER_RESTARTS;

  @JsonPropertyDescription("Driver cores and memory.")
  public SparkResources driver = new SparkResources();

  @JsonPropertyDescription("Executor cores, memory and count.")
  public SparkResources executor = new SparkResources();
}
