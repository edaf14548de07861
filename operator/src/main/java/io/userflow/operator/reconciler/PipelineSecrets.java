package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.secrets.SecretAccess;
import java.util.Optional;

/**
 * The opt-in Secrets as a reconciler sees them: an informer on Secrets labelled
 * {@value ApiGroup#CREDENTIALS_SELECTOR} (list and watch, no GET per reconcile), read from its cache. A Secret that
 * is created, labelled, changed or unlabelled wakes the resources the given mapper names.
 */
final class PipelineSecrets {
  static final String EVENT_SOURCE = "credentials-secrets";

  private final InformerEventSource<Secret, ?> informer;

  private PipelineSecrets(InformerEventSource<Secret, ?> informer) {
    this.informer = informer;
  }

  static <P extends HasMetadata> InformerEventSource<Secret, P> eventSource(EventSourceContext<P> context,
      Class<P> primary, SecondaryToPrimaryMapper<Secret> toPrimaries) {
    var config = InformerEventSourceConfiguration.from(Secret.class, primary)
        .withName(EVENT_SOURCE)
        .withLabelSelector(ApiGroup.CREDENTIALS_SELECTOR)
        .withSecondaryToPrimaryMapper(toPrimaries)
        .build();
    return new InformerEventSource<>(config, context);
  }

  @SuppressWarnings("unchecked")
  static PipelineSecrets of(Context<?> context) {
    return new PipelineSecrets((InformerEventSource<Secret, ?>) context.eventSourceRetriever()
        .getEventSourceFor(Secret.class, EVENT_SOURCE));
  }

  SecretAccess.Lookup in(String namespace) {
    return name -> informer.get(new ResourceID(name, namespace));
  }

  /** Why the Secrets the pipeline names may not be used, or empty when every one may. */
  Optional<SecretAccess.Refusal> check(FeaturePipeline pipeline) {
    String namespace = pipeline.getMetadata().getNamespace();
    return SecretAccess.check(pipeline.getSpec(), namespace, in(namespace));
  }

  /** Fails the reconcile (Warning Event, condition, retry) unless every Secret the pipeline names may be used. */
  void require(FeaturePipeline pipeline) {
    if (pipeline != null) {
      check(pipeline).ifPresent(PipelineSecrets::fail);
    }
  }

  static void fail(SecretAccess.Refusal refusal) {
    throw new ReconcileException(refusal.reason(), refusal.message(), null);
  }

  /** One key of an opt-in Secret; fails as {@link #require} does when it is not available. */
  String value(String namespace, String secretName, String key) {
    Secret secret = in(namespace).find(secretName).orElseThrow(() -> new ReconcileException(
        EventReason.SecretNotAllowed, "Secret " + secretName + " in namespace "
        + namespace + " does not exist or is not labelled " + ApiGroup.CREDENTIALS_SELECTOR + ".", null));
    String value = SecretAccess.value(secret, key);
    if (value == null) {
      throw new ReconcileException(EventReason.CredentialsNotFound, "Secret "
          + secretName + " has no key " + key + ".", null);
    }
    return value;
  }
}
