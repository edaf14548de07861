package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.SecretCredentials;
import io.userflow.operator.events.EventReason;
import io.userflow.operator.iceberg.TableMetadataService;
import io.userflow.operator.plan.StagePlans;
import io.userflow.operator.plan.TableStagePlans;
import io.userflow.operator.status.PipelineLayers;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A pipeline's tables as the reconcilers see them: catalog settings with Secret credentials, histories, plans. */
@ApplicationScoped
public class PipelineTables {
  private final KubernetesClient client;
  private final TableMetadataService metadata;

  public PipelineTables(KubernetesClient client, TableMetadataService metadata) {
    this.client = client;
    this.metadata = metadata;
  }

  public PipelineLayers.Histories histories(FeaturePipeline pipeline) {
    FeaturePipelineSpec spec = pipeline.getSpec();
    CatalogSettings catalog = catalog(pipeline);
    String ns = spec.tables.namespace;
    return new PipelineLayers.Histories(metadata.history(catalog, ns, spec.tables.bronze),
        metadata.history(catalog, ns, spec.tables.silver), metadata.history(catalog, ns, spec.tables.rejects),
        metadata.history(catalog, ns, spec.tables.goldDaily), metadata.history(catalog, ns, spec.tables.goldRolling));
  }

  /** Plans for a Reprocess; nothing is read until asked. Null when the pipeline does not exist. */
  public StagePlans plans(FeaturePipeline pipeline, Reprocess reprocess) {
    return pipeline == null ? null
        : new TableStagePlans(metadata, () -> catalog(pipeline), pipeline.getSpec(), reprocess.getSpec());
  }

  CatalogSettings catalog(FeaturePipeline pipeline) {
    var spec = pipeline.getSpec().catalog;
    SecretCredentials credentials = spec.credentials;
    if (credentials == null) {
      return new CatalogSettings(spec.name, spec.uri, spec.warehouse, null, null);
    }
    Secret secret = client.secrets().inNamespace(pipeline.getMetadata().getNamespace())
        .withName(credentials.secretName).get();
    if (secret == null || secret.getData() == null) {
      throw new ReconcileException(EventReason.CredentialsNotFound, "Secret " + credentials.secretName
          + " with the catalog credentials does not exist in namespace " + pipeline.getMetadata().getNamespace()
          + ".", null);
    }
    return new CatalogSettings(spec.name, spec.uri, spec.warehouse,
        decode(secret, credentials.usernameKey), decode(secret, credentials.passwordKey));
  }

  private static String decode(Secret secret, String key) {
    String value = secret.getData().get(key);
    if (value == null) {
      throw new ReconcileException(EventReason.CredentialsNotFound, "Secret " + secret.getMetadata().getName()
          + " has no key " + key + ".", null);
    }
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}
