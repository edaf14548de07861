package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.status.TrainingSetStatus;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.decide.TrainingSetProgress;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.AllowLists;
import io.userflow.operator.config.OperatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Observe (the TrainingSet, its pipeline, its SparkApplication) → decide ({@link TrainingSetProgress}) → create the
 * application → patch status. The pipeline is read with a GET while the TrainingSet is not finished: a TrainingSet
 * reconciles a handful of times in its life, so it keeps no informer on pipelines.
 */
@ControllerConfiguration(name = "trainingset")
@GradualRetry(maxAttempts = ReconcileFailures.UNLIMITED, maxInterval = ReconcileFailures.MAX_RETRY_INTERVAL_MS)
public class TrainingSetReconciler implements Reconciler<TrainingSet> {
  static final String KIND = HasMetadata.getKind(TrainingSet.class);

  private final KubernetesClient client;
  private final PipelineTables tables;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final ReconcileFailures failures;
  private final AllowLists allowLists;

  public TrainingSetReconciler(KubernetesClient client, PipelineTables tables, EventRecorder events,
      OperatorMetrics metrics, OperatorConfig config, Clock clock) {
    this.client = client;
    this.tables = tables;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.failures = new ReconcileFailures(events, metrics, clock);
    this.allowLists = AllowLists.of(config);
  }

  @Override
  public List<EventSource<?, TrainingSet>> prepareEventSources(EventSourceContext<TrainingSet> context) {
    var apps = InformerEventSourceConfiguration.from(SparkApplication.class, TrainingSet.class)
        .withLabelSelector(ApiGroup.TRAINING_SET_LABEL)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(TrainingSet.class))
        .build();
    // a Secret that is labelled or changed wakes the TrainingSets of its namespace that have not finished
    var secrets = PipelineSecrets.eventSource(context, TrainingSet.class, (Secret secret) -> context.getPrimaryCache()
        .list(secret.getMetadata().getNamespace()).filter(ts -> ts.getStatus() == null || ts.getStatus().phase == null
            || !ts.getStatus().phase.isTerminal()).map(ResourceID::fromResource).collect(Collectors.toSet()));
    return List.of(new InformerEventSource<>(apps, context), secrets);
  }

  @Override
  public UpdateControl<TrainingSet> reconcile(TrainingSet trainingSet, Context<TrainingSet> context) {
    metrics.reconciled(KIND);
    if (trainingSet.getStatus() != null && trainingSet.getStatus().phase != null
        && trainingSet.getStatus().phase.isTerminal()) {
      return UpdateControl.noUpdate();
    }
    FeaturePipeline pipeline = trainingSet.getSpec() == null || trainingSet.getSpec().pipelineRef == null ? null
        : client.resources(FeaturePipeline.class).inNamespace(trainingSet.getMetadata().getNamespace())
            .withName(trainingSet.getSpec().pipelineRef).get();
    PipelineSecrets secrets = PipelineSecrets.of(context);
    secrets.require(pipeline);
    SparkApplication app = context.getSecondaryResources(SparkApplication.class).stream().findFirst().orElse(null);
    TrainingSetProgress.Step step = TrainingSetProgress.next(new TrainingSetProgress.Inputs(trainingSet, pipeline,
        app, pipeline == null ? null : tables.tables(pipeline, secrets), allowLists, clock.instant()));
    if (step.create() != null) {
      SparkApplications.createIfAbsent(client, step.create());
    }
    step.events().forEach(note -> events.record(trainingSet, note));
    UpdateControl<TrainingSet> control = StatusPatches.patchIfChanged(trainingSet, step.status());
    // the application is created by the next reconcile, from the snapshots this one stores
    return step.recordFirst() ? control.rescheduleAfter(Duration.ZERO) : control;
  }

  @Override
  public ErrorStatusUpdateControl<TrainingSet> updateErrorStatus(TrainingSet trainingSet,
      Context<TrainingSet> context, Exception e) {
    return failures.patch(trainingSet, e, TrainingSetStatus::new,
        (status, condition) -> condition.set(status.conditions, Conditions.PROGRESSING, false));
  }
}
