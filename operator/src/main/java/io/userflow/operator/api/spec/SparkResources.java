package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Cores and memory of a Spark driver or of each executor. */
public class SparkResources {
  @Default("1")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("CPU cores.")
  public int cores = 1;

  @Pattern(Patterns.CPU_REQUEST)
  @JsonPropertyDescription("CPU the pod requests from Kubernetes, e.g. 500m (unset: cores); Spark still runs up to "
      + "`cores` tasks at once. For small clusters, where whole cores per pod do not fit.")
  public String coreRequest;

  @Default("1g")
  @Pattern(Patterns.MEMORY)
  @JsonPropertyDescription("Memory in Spark notation, e.g. 512m or 2g.")
  public String memory = "1g";

  @Default("1")
  @Min(1)
  @Max(200)
  @JsonPropertyDescription("Number of executors; ignored for the driver.")
  public int instances = 1;

  public static SparkResources of(int cores, String memory, int instances) {
    SparkResources r = new SparkResources();
    r.cores = cores;
    r.memory = memory;
    r.instances = instances;
    return r;
  }
}
