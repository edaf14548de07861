package io.userflow.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operator settings ({@code userflow.operator.*}). */
@ConfigMapping(prefix = "userflow.operator")
public interface OperatorConfig {
  /** How often a FeaturePipeline's table facts are refreshed without any event. */
  @WithDefault("60s")
  Duration pipelineResync();

  /** How often a queued Reprocess checks whether the pipeline is free. */
  @WithDefault("15s")
  Duration queueRecheck();
}
