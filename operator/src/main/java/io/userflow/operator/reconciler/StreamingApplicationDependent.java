package io.userflow.operator.reconciler;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.spark.SparkApplication;

/**
 * The pipeline's long-running Bronze SparkApplication. Applied server-side: the matcher compares only the fields
 * the operator set, so values the spark-operator defaults do not count as a change. Standalone (the reconciler calls
 * it): a managed workflow and JOSDK's delete events for the pipeline's gauges do not go together.
 */
public class StreamingApplicationDependent extends CRUDKubernetesDependentResource<SparkApplication, FeaturePipeline> {
  static final String SELECTOR = ApiGroup.STAGE_LABEL + "=bronze," + ApiGroup.MANAGED_BY_LABEL + "="
      + ApiGroup.MANAGED_BY;

  public StreamingApplicationDependent() {
    super(SparkApplication.class);
  }

  /** Only the streaming applications the operator made: its informer does not hold the batch ones. */
  @Override
  protected InformerEventSourceConfiguration.Builder<SparkApplication> informerConfigurationBuilder(
      EventSourceContext<FeaturePipeline> context) {
    return super.informerConfigurationBuilder(context).withLabelSelector(SELECTOR);
  }

  @Override
  protected SparkApplication desired(FeaturePipeline pipeline, Context<FeaturePipeline> context) {
    return SparkApplicationFactory.streaming(pipeline);
  }
}
