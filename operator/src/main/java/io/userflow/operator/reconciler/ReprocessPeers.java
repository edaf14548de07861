package io.userflow.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.userflow.operator.api.Reprocess;
import java.util.List;
import java.util.Optional;

/**
 * The other Reprocesses of a Reprocess's pipeline, as the queue and the history limit read them: from an index by
 * pipeline (not every Reprocess ever made in the namespace), each in the newer of two views.
 */
final class ReprocessPeers {
  /** Name of the informer on Reprocesses whose changes wake the ones queued behind them. */
  static final String INFORMER = "queued-peers";
  /** Primary-cache index of Reprocesses by "namespace/pipelineRef". */
  static final String INDEX = "pipeline-ref";

  private ReprocessPeers() {}

  /**
   * The Reprocesses of the same pipeline, each in the newer of the primary cache and the peers informer: that
   * informer's event (a rival finished) may wake this reconcile before the primary cache has the change.
   */
  @SuppressWarnings("unchecked")
  static List<Reprocess> of(Reprocess reprocess, Context<Reprocess> context) {
    var informer = (InformerEventSource<Reprocess, Reprocess>) context.eventSourceRetriever()
        .getEventSourceFor(Reprocess.class, INFORMER);
    return pipelineOf(reprocess).map(id -> context.getPrimaryCache().byIndex(INDEX, key(id)).stream()
        .map(cached -> informer.get(ResourceID.fromResource(cached)).filter(seen -> newer(seen, cached))
            .orElse(cached)).toList()).orElse(List.of());
  }

  static Optional<ResourceID> pipelineOf(Reprocess rp) {
    return rp.getSpec() == null || rp.getSpec().pipelineRef == null ? Optional.empty()
        : Optional.of(new ResourceID(rp.getSpec().pipelineRef, rp.getMetadata().getNamespace()));
  }

  static String key(ResourceID id) {
    return id.getNamespace().orElse("") + "/" + id.getName();
  }

  private static boolean newer(Reprocess a, Reprocess b) {
    try {
      return Long.parseLong(a.getMetadata().getResourceVersion())
          > Long.parseLong(b.getMetadata().getResourceVersion());
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
