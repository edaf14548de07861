package io.userflow.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Operator settings ({@code userflow.operator.*}). */
@ConfigMapping(prefix = "userflow.operator")
public interface OperatorConfig {
  /** How often a FeaturePipeline's table facts are refreshed without any event. */
  @WithDefault("60s")
  Duration pipelineResync();

  /** How often a queued Reprocess checks whether the pipeline is free. */
  @WithDefault("15s")
  Duration queueRecheck();

  /** Name of the leader-election Lease; one operator per Lease is active, the other replicas wait. */
  @WithDefault("userflow-operator")
  String leaseName();

  /** Namespace of the Lease: the operator's own (USERFLOW_OPERATOR_POD_NAMESPACE, from the pod's metadata). */
  Optional<String> podNamespace();

  /** The replica's identity in the Lease (USERFLOW_OPERATOR_POD_NAME, the pod's name). */
  Optional<String> podName();
}
