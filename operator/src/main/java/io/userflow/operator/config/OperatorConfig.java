package io.userflow.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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

  /** How often a Reprocess waiting for Bronze's first commit plans again: no event announces an Iceberg commit. */
  @WithDefault("30s")
  Duration bronzeRecheck();

  /** Name of the leader-election Lease; one operator per Lease is active, the other replicas wait. */
  @WithDefault("userflow-operator")
  String leaseName();

  /** Namespace of the Lease: the operator's own (USERFLOW_OPERATOR_POD_NAMESPACE, from the pod's metadata). */
  Optional<String> podNamespace();

  /** The replica's identity in the Lease (USERFLOW_OPERATOR_POD_NAME, the pod's name). */
  Optional<String> podName();

  /** The operator's own ServiceAccount (USERFLOW_OPERATOR_SERVICE_ACCOUNT, the pod's), which no driver may use. */
  Optional<String> serviceAccount();

  /** What a FeaturePipeline may run, whatever its author writes (chart values allowList.*). */
  Allow allow();

  /** Which Reprocess plans need a ReprocessApproval whatever spec.approval says (chart values approvalPolicy.*). */
  Approval approval();

  /** The allow-lists of {@link io.userflow.operator.validate.AllowLists}. */
  interface Allow {
    /** Registries or repository prefixes an image must start with. */
    @WithDefault("ghcr.io/userflow/")
    List<String> imagePrefixes();

    /** URI prefixes an application file may have besides local:// (a file inside the allowed image). */
    Optional<List<String>> applicationFilePrefixes();

    /** ServiceAccounts a Spark driver may run as. */
    @WithDefault("spark")
    List<String> serviceAccounts();

    /** Prefixes spec.catalog.uri must start with; unset: any catalog. */
    Optional<List<String>> catalogUriPrefixes();

    /** Prefixes spec.catalog.storage.endpoint must start with; unset: any object store. */
    Optional<List<String>> storageEndpointPrefixes();
  }

  /** The policy of {@link io.userflow.operator.decide.ApprovalPolicy}. */
  interface Approval {
    /**
     * A plan that rebuilds a table an earlier run wrote in full (mode FULL) always needs approval. Off unless set:
     * the chart turns it on (approvalPolicy.full).
     */
    @WithDefault("false")
    boolean full();

    /** A backfill over more days than this always needs approval; 0 (unless set) turns the rule off. */
    @WithDefault("0")
    int maxDays();
  }
}
