package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.PipelinePhase;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.decide.PipelineLayers;
import io.userflow.operator.decide.PipelineProgress;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.secrets.SecretAccess;
import io.userflow.operator.secrets.SecretKeyRefs;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.AllowLists;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Observe → decide ({@link PipelineProgress}) → reconcile the streaming SparkApplication (a standalone dependent)
 * → read tables → patch. The application is reconciled only for a valid spec (an invalid edit leaves a running one
 * as it is) and after the Secret check, except that a suspend is applied whatever the Secrets say; tables are read
 * only with Secrets that may be used.
 *
 * <p>No finalizer: the application goes by its owner reference, and the one thing the operator holds for a pipeline,
 * its lag gauges, is dropped on the informer's delete event (JOSDK calls {@link #reconcile} on every event), so a
 * pipeline or its namespace is deleted whether or not the operator runs. The finalizer older operators put on
 * pipelines is removed on their next reconcile.
 */
@ControllerConfiguration(name = "featurepipeline", triggerReconcilerOnAllEvents = true)
@GradualRetry(maxAttempts = ReconcileFailures.UNLIMITED, maxInterval = ReconcileFailures.MAX_RETRY_INTERVAL_MS)
public class FeaturePipelineReconciler implements Reconciler<FeaturePipeline> {
  static final String KIND = HasMetadata.getKind(FeaturePipeline.class);
  private static final String SECRET_INDEX = "secret-names";
  /** The finalizer operators before issue 27 put on every pipeline to drop its gauges. */
  static final String LEGACY_FINALIZER = "featurepipelines.userflow.io/finalizer";

  private final PipelineTables tables;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final OperatorConfig config;
  private final Clock clock;
  private final ReconcileFailures failures;
  private final AllowLists allowLists;
  private final StreamingApplicationDependent streaming = new StreamingApplicationDependent();

  public FeaturePipelineReconciler(PipelineTables tables, EventRecorder events,
      OperatorMetrics metrics, OperatorConfig config, Clock clock) {
    this.tables = tables;
    this.events = events;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.failures = new ReconcileFailures(events, metrics, clock);
    this.allowLists = AllowLists.of(config);
  }

  @Override
  public List<EventSource<?, FeaturePipeline>> prepareEventSources(EventSourceContext<FeaturePipeline> context) {
    // a Secret that is labelled, changed or unlabelled wakes the pipelines that name it
    context.getPrimaryCache().addIndexer(SECRET_INDEX, fp -> SecretKeyRefs.secretNames(fp.getSpec()).stream()
        .map(name -> secretKey(fp.getMetadata().getNamespace(), name)).toList());
    var secrets = PipelineSecrets.eventSource(context, FeaturePipeline.class, (Secret secret) -> context
        .getPrimaryCache().byIndex(SECRET_INDEX, secretKey(secret.getMetadata().getNamespace(),
            secret.getMetadata().getName())).stream().map(ResourceID::fromResource).collect(Collectors.toSet()));
    List<EventSource<?, FeaturePipeline>> sources = new ArrayList<>(EventSourceUtils.dependentEventSources(context,
        streaming));
    sources.add(secrets);
    return sources;
  }

  private static String secretKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public UpdateControl<FeaturePipeline> reconcile(FeaturePipeline pipeline, Context<FeaturePipeline> context) {
    if (context.isPrimaryResourceDeleted()) {
      metrics.forget(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    context.resourceOperations().removeFinalizer(LEGACY_FINALIZER);
    if (pipeline.isMarkedForDeletion()) {
      return UpdateControl.noUpdate();
    }
    metrics.reconciled(KIND);
    PipelineSecrets secrets = PipelineSecrets.of(context);
    SparkApplication before = context.getSecondaryResource(SparkApplication.class).orElse(null);
    SecretAccess.Refusal refusal = secrets.check(pipeline).orElse(null);
    PipelineProgress.Step step = PipelineProgress.next(new PipelineProgress.Inputs(pipeline, before, refusal,
        allowLists, clock.instant()));
    step.failure().ifPresent(PipelineSecrets::fail);
    FeaturePipelineStatus status = step.status();
    if (status.phase != PipelinePhase.Invalid) {
      reconcileStreaming(pipeline, context);
    }
    step.events().forEach(note -> events.record(pipeline, note));
    if (status.phase != PipelinePhase.Invalid && refusal == null) {
      PipelineLayers.apply(status, tables.histories(pipeline, secrets));
      String ns = pipeline.getMetadata().getNamespace();
      metrics.lag(ns, pipeline.getMetadata().getName(), "silver", status.silverLagSnapshots);
      metrics.lag(ns, pipeline.getMetadata().getName(), "gold", status.goldLagSnapshots);
    }
    return StatusPatches.patchIfChanged(pipeline, status).rescheduleAfter(config.pipelineResync());
  }

  /** Creates, updates or (suspended) deletes the streaming application. */
  private void reconcileStreaming(FeaturePipeline pipeline, Context<FeaturePipeline> context) {
    if (PipelineProgress.streamingWanted(pipeline, allowLists)) {
      streaming.reconcile(pipeline, context);
    } else {
      streaming.delete(pipeline, context);
    }
  }

  @Override
  public ErrorStatusUpdateControl<FeaturePipeline> updateErrorStatus(FeaturePipeline pipeline,
      Context<FeaturePipeline> context, Exception e) {
    return failures.patch(pipeline, e, FeaturePipelineStatus::new, (status, condition) -> {
      condition.set(status.conditions, Conditions.DEGRADED, true);
      condition.set(status.conditions, Conditions.READY, false);
      status.phase = PipelinePhase.Degraded;
    });
  }
}
