package io.userflow.operator.api.spec;

/** Whether a planned run starts by itself. */
public enum Approval {
  /** Start as soon as the plan is computed. */
  Automatic,
  /** Show the plan first; start after a ReprocessApproval names its hash (status.planHash). */
  Manual
}
