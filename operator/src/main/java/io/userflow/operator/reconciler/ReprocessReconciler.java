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
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.ReprocessApproval;
import io.userflow.operator.api.status.ReprocessPhase;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.decide.ApprovalPolicy;
import io.userflow.operator.decide.Conditions;
import io.userflow.operator.decide.ReprocessHistory;
import io.userflow.operator.decide.ReprocessProgress;
import io.userflow.operator.decide.ReprocessQueue;
import io.userflow.operator.events.EventRecorder;
import io.userflow.operator.metrics.OperatorMetrics;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.validate.AllowLists;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Observe (pipeline, queue, owned SparkApplications) → decide ({@link ReprocessProgress}) → create children →
 * patch status. A ReprocessApproval naming the Reprocess wakes it; annotation changes (retry) matter, so every event
 * reconciles, not only new generations.
 */
@ControllerConfiguration(name = "reprocess", generationAwareEventProcessing = false)
@GradualRetry(maxAttempts = ReconcileFailures.UNLIMITED, maxInterval = ReconcileFailures.MAX_RETRY_INTERVAL_MS)
public class ReprocessReconciler implements Reconciler<Reprocess> {
  static final String KIND = HasMetadata.getKind(Reprocess.class);
  private static final String PIPELINES = "pipelines";

  private final KubernetesClient client;
  private final PipelineTables tables;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final OperatorConfig config;
  private final Clock clock;
  private final ReconcileFailures failures;
  private final AllowLists allowLists;
  private final ApprovalPolicy approvalPolicy;

  public ReprocessReconciler(KubernetesClient client, PipelineTables tables, EventRecorder events,
      OperatorMetrics metrics, OperatorConfig config, Clock clock) {
    this.client = client;
    this.tables = tables;
    this.events = events;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.failures = new ReconcileFailures(events, metrics, clock);
    this.allowLists = AllowLists.of(config);
    this.approvalPolicy = ApprovalPolicy.of(config);
  }

  @Override
  public List<EventSource<?, Reprocess>> prepareEventSources(EventSourceContext<Reprocess> context) {
    var stageApps = InformerEventSourceConfiguration.from(SparkApplication.class, Reprocess.class)
        .withLabelSelector(ApiGroup.REPROCESS_LABEL)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Reprocess.class))
        .build();
    // a Reprocess that changes wakes the ones queued behind it; the periodic re-check is only a fallback
    var peers = InformerEventSourceConfiguration.from(Reprocess.class, Reprocess.class)
        .withName(ReprocessPeers.INFORMER)
        .withSecondaryToPrimaryMapper((Reprocess changed) -> ReprocessQueue.queuedBehind(changed,
                context.getPrimaryCache().list(changed.getMetadata().getNamespace()).toList()).stream()
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build();
    // a Secret that is labelled or changed wakes the Reprocesses of its namespace that have not finished
    var secrets = PipelineSecrets.eventSource(context, Reprocess.class, (Secret secret) -> context.getPrimaryCache()
        .list(secret.getMetadata().getNamespace()).filter(rp -> rp.getStatus() == null || rp.getStatus().phase == null
            || !rp.getStatus().phase.isTerminal()).map(ResourceID::fromResource).collect(Collectors.toSet()));
    // the referenced pipeline comes from an informer (no GET per reconcile); a new, changed or deleted pipeline
    // wakes the Reprocesses naming it (there is no owner reference to map by)
    context.getPrimaryCache().addIndexer(ReprocessPeers.INDEX, rp -> ReprocessPeers.pipelineOf(rp)
        .map(id -> List.of(ReprocessPeers.key(id))).orElse(List.of()));
    var pipelines = InformerEventSourceConfiguration.from(FeaturePipeline.class, Reprocess.class)
        .withName(PIPELINES)
        .withPrimaryToSecondaryMapper((Reprocess rp) -> ReprocessPeers.pipelineOf(rp).map(Set::of).orElse(Set.of()))
        .withSecondaryToPrimaryMapper((FeaturePipeline fp) -> context.getPrimaryCache()
            .byIndex(ReprocessPeers.INDEX, ReprocessPeers.key(ResourceID.fromResource(fp))).stream()
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        // a pipeline's status changes often and no Reprocess reads it
        .withOnUpdateFilter((newer, older) -> !Objects.equals(newer.getMetadata().getGeneration(),
            older.getMetadata().getGeneration()))
        .build();
    // an approval wakes the Reprocess it names; only the operator's informer reads approvals, nobody's annotation
    var approvals = InformerEventSourceConfiguration.from(ReprocessApproval.class, Reprocess.class)
        .withSecondaryToPrimaryMapper((ReprocessApproval a) -> a.getSpec() == null || a.getSpec().reprocessRef == null
            ? Set.of() : Set.of(new ResourceID(a.getSpec().reprocessRef, a.getMetadata().getNamespace())))
        .build();
    return List.of(new InformerEventSource<>(stageApps, context), new InformerEventSource<>(peers, context), secrets,
        new InformerEventSource<>(pipelines, context), new InformerEventSource<>(approvals, context));
  }

  @Override
  public UpdateControl<Reprocess> reconcile(Reprocess reprocess, Context<Reprocess> context) {
    metrics.reconciled(KIND);
    FeaturePipeline pipeline = context.getSecondaryResource(FeaturePipeline.class)
        .orElseGet(() -> confirmMissing(reprocess));
    PipelineSecrets secrets = PipelineSecrets.of(context);
    secrets.require(pipeline);
    List<Reprocess> peers = ReprocessPeers.of(reprocess, context);
    String blocker = ReprocessQueue.blocker(reprocess, peers).orElse(null);
    Map<String, SparkApplication> apps = context.getSecondaryResources(SparkApplication.class).stream()
        .collect(Collectors.toMap(app -> app.getMetadata().getName(), Function.identity(), (a, b) -> a));
    var plans = tables.plans(pipeline, reprocess, secrets);
    List<ReprocessApproval> approvals = List.copyOf(context.getSecondaryResources(ReprocessApproval.class));
    ReprocessProgress.Step step = ReprocessProgress.next(new ReprocessProgress.Inputs(reprocess, pipeline, blocker,
        apps, plans, allowLists, approvalPolicy, approvals, clock.instant()));
    if (admitted(reprocess, step)) {
      // the cache said the pipeline is free; the Lease decides (two admissions from stale caches: one wins)
      Optional<String> holder = PipelineLease.claim(client, reprocess, clock);
      if (holder.isPresent()) {
        step = ReprocessProgress.next(new ReprocessProgress.Inputs(reprocess, pipeline, holder.get(), apps, plans,
            allowLists, approvalPolicy, approvals, clock.instant()));
      }
    }
    step.create().forEach(app -> SparkApplications.createIfAbsent(client, app));
    step.delete().forEach(name -> SparkApplications.delete(client, reprocess.getMetadata().getNamespace(), name));
    step.plans().forEach(metrics::planned);
    step.events().forEach(note -> events.record(reprocess, note));
    UpdateControl<Reprocess> control = StatusPatches.patchIfChanged(reprocess, step.status());
    if (step.status().phase.isTerminal() || left(reprocess, step)) {
      PipelineLease.release(client, reprocess);
    }
    if (step.status().phase.isTerminal() && pipeline != null) {
      deleteExpired(reprocess, pipeline, peers);
    }
    if (step.recordFirst()) {
      // the child is created by the next reconcile, from the status this one stores
      return control.rescheduleAfter(Duration.ZERO);
    }
    if (step.status().phase == ReprocessPhase.Queued) {
      return control.rescheduleAfter(config.queueRecheck());
    }
    if (step.status().phase == ReprocessPhase.WaitingForBronze) {
      return control.rescheduleAfter(config.bronzeRecheck());
    }
    // nothing else may come for an approval nobody gives or an application that stays UNKNOWN
    return step.nextDeadline(reprocess).map(at -> control.rescheduleAfter(Duration.between(clock.instant(), at)
        .plusSeconds(1))).orElse(control);
  }

  /** This step takes the Reprocess from waiting (or finished) to holding its pipeline. */
  private static boolean admitted(Reprocess reprocess, ReprocessProgress.Step step) {
    ReprocessPhase before = reprocess.getStatus() == null ? null : reprocess.getStatus().phase;
    return step.status().phase.isActive() && (before == null || !before.isActive());
  }

  /** This step takes the Reprocess from holding its pipeline back to waiting (an approved plan on an empty Bronze). */
  private static boolean left(Reprocess reprocess, ReprocessProgress.Step step) {
    ReprocessPhase before = reprocess.getStatus() == null ? null : reprocess.getStatus().phase;
    return before != null && before.isActive() && !step.status().phase.isActive();
  }

  /** Finished Reprocesses of the pipeline beyond its history limits are deleted, as a CronJob's Jobs are. */
  private void deleteExpired(Reprocess finished, FeaturePipeline pipeline, List<Reprocess> peers) {
    String name = finished.getMetadata().getName();
    // the cache still holds this Reprocess's status from before this reconcile
    List<Reprocess> current = peers.stream().map(r -> r.getMetadata().getName().equals(name) ? finished : r)
        .toList();
    ReprocessHistory.expired(pipeline.getSpec().reprocessHistory, current).forEach(expired -> client
        .resources(Reprocess.class).inNamespace(finished.getMetadata().getNamespace()).withName(expired).delete());
  }

  /**
   * A pipeline the informer does not hold may be one created a moment ago whose event has not arrived yet; a
   * missing pipeline fails the Reprocess, so its absence is confirmed with the API server once before that.
   */
  private FeaturePipeline confirmMissing(Reprocess reprocess) {
    return ReprocessPeers.pipelineOf(reprocess).map(id -> client.resources(FeaturePipeline.class)
        .inNamespace(id.getNamespace().orElse(null)).withName(id.getName()).get()).orElse(null);
  }

  @Override
  public ErrorStatusUpdateControl<Reprocess> updateErrorStatus(Reprocess reprocess, Context<Reprocess> context,
      Exception e) {
    return failures.patch(reprocess, e, ReprocessStatus::new,
        (status, condition) -> condition.set(status.conditions, Conditions.PROGRESSING, false));
  }
}
