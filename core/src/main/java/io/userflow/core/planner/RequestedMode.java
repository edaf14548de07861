package io.userflow.core.planner;

/** What the user asked for; the planner may still choose FULL when incremental would be wrong. */
public enum RequestedMode {
  AUTO,
  INCREMENTAL,
  FULL
}
