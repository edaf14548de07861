package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.events.EventNote;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.model.SecretKeyRefs;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.status.Conditions;
import io.userflow.operator.status.PipelineLayers;
import io.userflow.operator.status.PipelineProgress;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/** Observe → decide ({@link PipelineProgress}) → act on the streaming SparkApplication → read tables → patch. */
@ControllerConfiguration(name = "featurepipeline")
public class FeaturePipelineReconciler implements Reconciler<FeaturePipeline> {
  static final String KIND = "FeaturePipeline";
  private static final String SECRET_INDEX = "secret-names";

  private final KubernetesClient client;
  private final PipelineTables tables;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final OperatorConfig config;
  private final Clock clock;

  public FeaturePipelineReconciler(KubernetesClient client, PipelineTables tables, EventRecorder events,
      OperatorMetrics metrics, OperatorConfig config, Clock clock) {
    this.client = client;
    this.tables = tables;
    this.events = events;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, FeaturePipeline>> prepareEventSources(EventSourceContext<FeaturePipeline> context) {
    var streamingApps = InformerEventSourceConfiguration.from(SparkApplication.class, FeaturePipeline.class)
        .withLabelSelector(ApiGroup.STAGE_LABEL + "=bronze," + ApiGroup.MANAGED_BY_LABEL + "=" + ApiGroup.MANAGED_BY)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(FeaturePipeline.class))
        .build();
    // a Secret that is labelled, changed or unlabelled wakes the pipelines that name it
    context.getPrimaryCache().addIndexer(SECRET_INDEX, fp -> SecretKeyRefs.secretNames(fp.getSpec()).stream()
        .map(name -> secretKey(fp.getMetadata().getNamespace(), name)).toList());
    var secrets = PipelineSecrets.eventSource(context, FeaturePipeline.class, (Secret secret) -> context
        .getPrimaryCache().byIndex(SECRET_INDEX, secretKey(secret.getMetadata().getNamespace(),
            secret.getMetadata().getName())).stream().map(ResourceID::fromResource).collect(Collectors.toSet()));
    return List.of(new InformerEventSource<>(streamingApps, context), secrets);
  }

  private static String secretKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public UpdateControl<FeaturePipeline> reconcile(FeaturePipeline pipeline, Context<FeaturePipeline> context) {
    metrics.reconciled(KIND);
    PipelineSecrets secrets = PipelineSecrets.of(context);
    secrets.require(pipeline);
    SparkApplication current = context.getSecondaryResource(SparkApplication.class).orElse(null);
    PipelineProgress.Step step = PipelineProgress.next(new PipelineProgress.Inputs(pipeline, current,
        clock.instant()));
    switch (step.action()) {
      case CREATE -> SparkApplications.createIfAbsent(client, step.desired());
      case UPDATE -> SparkApplications.updateSpec(client, step.desired());
      case DELETE -> SparkApplications.delete(client, current);
      case NONE -> { }
    }
    step.events().forEach(note -> events.record(pipeline, note));
    FeaturePipelineStatus status = step.status();
    if (status.phase != PipelinePhase.Invalid) {
      PipelineLayers.apply(status, tables.histories(pipeline, secrets));
      String ns = pipeline.getMetadata().getNamespace();
      metrics.lag(ns, pipeline.getMetadata().getName(), "silver", status.silverLagSnapshots);
      metrics.lag(ns, pipeline.getMetadata().getName(), "gold", status.goldLagSnapshots);
    }
    return StatusPatches.patchIfChanged(pipeline, status).rescheduleAfter(config.pipelineResync());
  }

  @Override
  public ErrorStatusUpdateControl<FeaturePipeline> updateErrorStatus(FeaturePipeline pipeline,
      Context<FeaturePipeline> context, Exception e) {
    EventReason reason = ReconcileException.reasonOf(e);
    String message = ReconcileException.messageOf(e);
    metrics.failed(KIND, reason);
    events.record(pipeline, EventNote.warning(reason, message));
    FeaturePipelineStatus status = pipeline.getStatus() == null ? new FeaturePipelineStatus() : pipeline.getStatus();
    long generation = pipeline.getMetadata().getGeneration() == null ? 0 : pipeline.getMetadata().getGeneration();
    Conditions.set(status.conditions, Conditions.DEGRADED, true, reason.name(), message,
        generation, clock.instant());
    Conditions.set(status.conditions, Conditions.READY, false, reason.name(), message,
        generation, clock.instant());
    status.phase = PipelinePhase.Degraded;
    pipeline.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(pipeline);
  }
}
