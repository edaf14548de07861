package io.userflow.operator.events;

/** Typed reasons of the Kubernetes Events the operator records; also the CamelCase condition reasons. */
public enum EventReason {
  // both kinds
  InvalidSpec,
  MetadataUnavailable,
  CredentialsNotFound,
  /** A named Secret is missing or lacks the opt-in label userflow.io/credentials=true. */
  SecretNotAllowed,
  /** The API server refused a call of the operator (RBAC): the message names the verb and the resource. */
  Forbidden,
  ReconcileError,
  /**
   * The spec names an image, application file or ServiceAccount the operator's allow-lists (chart values
   * allowList.*) do not hold; nothing of the pipeline runs.
   */
  NotAllowed,
  // FeaturePipeline
  StreamingSubmitted,
  StreamingResubmitted,
  StreamingSuspended,
  StreamingResumed,
  StreamingRunning,
  StreamingFailed,
  /** The streaming driver restarted past spec.streaming.degradedAfterRestarts. */
  StreamingCrashLoop,
  /**
   * A submitted pipeline's checkpoint location or topic changed without the migration annotation: Bronze would start
   * over from startingOffsets, so the running application is kept as it is.
   */
  ReingestRefused,
  // Reprocess
  PipelineNotFound,
  PipelineInvalid,
  Queued,
  Planned,
  AwaitingApproval,
  Approved,
  PlanChanged,
  StageSubmitted,
  StageRetried,
  StageCompleted,
  StageFailed,
  GateFailed,
  /** An approval, an UNKNOWN application or a phase outlived its spec.deadlines setting. */
  DeadlineExceeded,
  Succeeded,
  Skipped,
  /** Every stage plan is NOOP because Bronze has no commit yet: the Reprocess waits for the first one. */
  WaitingForBronze,
  Resumed
}
