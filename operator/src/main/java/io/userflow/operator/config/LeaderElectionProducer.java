package io.userflow.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One active replica: the Quarkus operator SDK elects a leader only when the app provides this configuration
 * (without it every replica reconciles). The Lease lives in the operator's own namespace; the chart passes it and
 * the pod name as POD_NAMESPACE and POD_NAME. Only in the prod profile (the SDK's default activation).
 */
public class LeaderElectionProducer {
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(OperatorConfig config) {
    var builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName());
    config.podNamespace().ifPresent(builder::withLeaseNamespace);
    config.podName().ifPresent(builder::withIdentity);
    return builder.build();
  }
}
