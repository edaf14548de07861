package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** v1beta2 DriverInfo, the fields userflow reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class DriverInfo {
  /** Driver pod name. */
  public String podName;
  /** Spark UI address. */
  public String webUIAddress;
  /** Spark UI service. */
  public String webUIServiceName;
}
