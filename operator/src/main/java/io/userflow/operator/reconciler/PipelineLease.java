package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.naming.ChildNames;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The operator's fence: one Lease per pipeline, created by the Reprocess that is admitted and deleted when it
 * finishes. The API server creates a name once, so two Reprocesses admitted at the same moment from stale caches
 * cannot both hold the pipeline; the loser queues behind the holder. The Lease is owned by its holder, so deleting
 * the holder frees the pipeline too.
 */
final class PipelineLease {
  private PipelineLease() {}

  /** Claims the pipeline for {@code reprocess}; empty when it holds it, else the holder it must wait for. */
  static Optional<String> claim(KubernetesClient client, Reprocess reprocess, Clock clock) {
    String self = reprocess.getMetadata().getName();
    Lease lease = new LeaseBuilder().withNewMetadata().withName(name(reprocess))
        .withNamespace(reprocess.getMetadata().getNamespace())
        .addNewOwnerReference().withApiVersion(reprocess.getApiVersion()).withKind(reprocess.getKind())
        .withName(self).withUid(reprocess.getMetadata().getUid()).endOwnerReference().endMetadata()
        .withNewSpec().withHolderIdentity(self).withAcquireTime(ZonedDateTime.now(clock)).endSpec().build();
    try {
      client.resource(lease).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    String holder = holder(client, reprocess);
    // a Lease deleted between the create and the read: nobody holds it now, the next reconcile claims it
    return self.equals(holder) ? Optional.empty() : Optional.of(holder == null ? name(reprocess) : holder);
  }

  /** Frees the pipeline if {@code reprocess} holds it. */
  static void release(KubernetesClient client, Reprocess reprocess) {
    if (reprocess.getSpec() != null && reprocess.getSpec().pipelineRef != null
        && reprocess.getMetadata().getName().equals(holder(client, reprocess))) {
      leases(client, reprocess).delete();
    }
  }

  private static String holder(KubernetesClient client, Reprocess reprocess) {
    Lease lease = leases(client, reprocess).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static io.fabric8.kubernetes.client.dsl.Resource<Lease> leases(KubernetesClient client, Reprocess rp) {
    return client.leases().inNamespace(rp.getMetadata().getNamespace()).withName(name(rp));
  }

  private static String name(Reprocess reprocess) {
    return ChildNames.reprocessLease(reprocess.getSpec().pipelineRef);
  }
}
