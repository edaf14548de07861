package io.userflow.operator.api;

/** The API group, version, annotations and labels userflow resources share. */
public final class ApiGroup {
  public static final String GROUP = "userflow.io";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "userflow";

  /**
   * How Reprocesses were approved before issue 27. No longer honoured: whoever may patch a Reprocess could set it.
   * An awaiting Reprocess that carries it is told to use a ReprocessApproval instead.
   */
  public static final String APPROVED_ANNOTATION = GROUP + "/approved";
  /** Set to any new value on a failed Reprocess to resume it from the failed stage. */
  public static final String RETRY_ANNOTATION = GROUP + "/retry";
  /**
   * Set to the new {@code spec.streaming.checkpointLocation} of a submitted pipeline to confirm that Bronze starts
   * over from {@code startingOffsets} on it; without it the edit is refused.
   */
  public static final String MIGRATE_CHECKPOINT_ANNOTATION = GROUP + "/migrate-checkpoint-location";
  /** Set to the new {@code spec.source.topic} of a submitted pipeline to confirm the move, as for the checkpoint. */
  public static final String MIGRATE_TOPIC_ANNOTATION = GROUP + "/migrate-topic";

  public static final String PIPELINE_LABEL = GROUP + "/pipeline";
  public static final String REPROCESS_LABEL = GROUP + "/reprocess";
  public static final String TRAINING_SET_LABEL = GROUP + "/training-set";
  public static final String STAGE_LABEL = GROUP + "/stage";
  /**
   * The opt-in label of a Secret a pipeline may use: "true" means the namespace's owner allows any pipeline author
   * in the namespace to have the operator and the Spark pods use it. The operator sees no other Secret.
   */
  public static final String CREDENTIALS_LABEL = GROUP + "/credentials";
  public static final String CREDENTIALS_SELECTOR = CREDENTIALS_LABEL + "=true";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "userflow-operator";

  private ApiGroup() {}
}
