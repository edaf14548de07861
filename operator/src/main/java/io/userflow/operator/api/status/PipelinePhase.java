package io.userflow.operator.api.status;

/** Coarse state of a FeaturePipeline, for the printer column; conditions carry the detail. */
public enum PipelinePhase {
  /** The spec is invalid; nothing runs. */
  Invalid,
  /** The streaming job is submitted but not running yet. */
  Starting,
  /** The streaming job is running. */
  Running,
  /** Suspended by spec.suspend; the checkpoint is kept. */
  Suspended,
  /** The streaming job failed or the tables cannot be read. */
  Degraded
}
