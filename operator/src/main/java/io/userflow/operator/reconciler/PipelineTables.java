package io.userflow.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.operator.plan.Layouts;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.CatalogSpec;
import io.userflow.operator.api.spec.ObjectStorageSpec;
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
    return PipelineLayers.Histories.of(Layouts.of(spec), metadata.history(catalog, ns, spec.tables.bronze),
        metadata.history(catalog, ns, spec.tables.silver), metadata.history(catalog, ns, spec.tables.rejects),
        metadata.history(catalog, ns, spec.tables.goldDaily), metadata.history(catalog, ns, spec.tables.goldRolling));
  }

  /** Plans for a Reprocess; nothing is read until asked. Null when the pipeline does not exist. */
  public StagePlans plans(FeaturePipeline pipeline, Reprocess reprocess) {
    return pipeline == null ? null
        : new TableStagePlans(metadata, () -> catalog(pipeline), pipeline.getSpec(), reprocess.getSpec());
  }

  CatalogSettings catalog(FeaturePipeline pipeline) {
    CatalogSpec spec = pipeline.getSpec().catalog;
    String namespace = pipeline.getMetadata().getNamespace();
    String user = null;
    String password = null;
    if (spec.credentials != null) {
      Secret secret = secret(namespace, spec.credentials.secretName, "the catalog credentials");
      user = decode(secret, spec.credentials.usernameKey);
      password = decode(secret, spec.credentials.passwordKey);
    }
    return new CatalogSettings(spec.name, spec.uri, spec.warehouse, user, password, storage(namespace, spec.storage));
  }

  private ObjectStorage storage(String namespace, ObjectStorageSpec spec) {
    if (spec == null) {
      return null;
    }
    if (spec.credentials == null) {
      return new ObjectStorage(spec.endpoint, spec.region, spec.pathStyleAccess, null, null);
    }
    Secret secret = secret(namespace, spec.credentials.secretName, "the object storage keys");
    return new ObjectStorage(spec.endpoint, spec.region, spec.pathStyleAccess,
        decode(secret, spec.credentials.accessKeyIdKey), decode(secret, spec.credentials.secretAccessKeyKey));
  }

  private Secret secret(String namespace, String name, String holding) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null || secret.getData() == null) {
      throw new ReconcileException(EventReason.CredentialsNotFound, "Secret " + name + " with " + holding
          + " does not exist in namespace " + namespace + ".", null);
    }
    return secret;
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
