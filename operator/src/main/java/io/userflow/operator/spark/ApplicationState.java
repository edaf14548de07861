package io.userflow.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** v1beta2 ApplicationState. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ApplicationState {
  /** State of the application. */
  public AppState state;
  /** Error of the last failure. */
  public String errorMessage;

  public static ApplicationState of(AppState state, String errorMessage) {
    ApplicationState s = new ApplicationState();
    s.state = state;
    s.errorMessage = errorMessage;
    return s;
  }
}
