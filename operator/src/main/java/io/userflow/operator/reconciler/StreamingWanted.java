package io.userflow.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.decide.PipelineProgress;
import io.userflow.operator.spark.SparkApplication;

/** Reconcile precondition of the streaming application: unmet (suspended) means the workflow deletes it. */
public class StreamingWanted implements Condition<SparkApplication, FeaturePipeline> {
  @Override
  public boolean isMet(DependentResource<SparkApplication, FeaturePipeline> dependent, FeaturePipeline pipeline,
      Context<FeaturePipeline> context) {
    return PipelineProgress.streamingWanted(pipeline);
  }
}
