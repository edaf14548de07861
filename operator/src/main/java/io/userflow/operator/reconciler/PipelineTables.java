package io.userflow.operator.reconciler;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.core.iceberg.RestCatalogSettings;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.AccessKeySecret;
import io.userflow.operator.api.spec.CatalogSpec;
import io.userflow.operator.api.spec.CatalogType;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ObjectStorageSpec;
import io.userflow.operator.api.spec.SecretKeySpec;
import io.userflow.operator.decide.PipelineLayers;
import io.userflow.operator.decide.StagePlans;
import io.userflow.operator.decide.TrainingSetProgress;
import io.userflow.operator.iceberg.Layouts;
import io.userflow.operator.iceberg.TableMetadataService;
import io.userflow.operator.iceberg.TableStagePlans;
import io.userflow.operator.secrets.SecretKeyRefs;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A pipeline's tables as the reconcilers see them: catalog settings (JDBC or REST) with credentials from the
 * opt-in Secrets ({@link PipelineSecrets}), histories, plans.
 */
@ApplicationScoped
public class PipelineTables {
  private final TableMetadataService metadata;

  public PipelineTables(TableMetadataService metadata) {
    this.metadata = metadata;
  }

  public PipelineLayers.Histories histories(FeaturePipeline pipeline, PipelineSecrets secrets) {
    FeaturePipelineSpec spec = pipeline.getSpec();
    CatalogSettings catalog = catalog(pipeline, secrets);
    String ns = spec.tables.namespace;
    return PipelineLayers.Histories.of(Layouts.of(spec), metadata.history(catalog, ns, spec.tables.bronze),
        metadata.history(catalog, ns, spec.tables.silver), metadata.history(catalog, ns, spec.tables.rejects),
        metadata.history(catalog, ns, spec.tables.goldDaily), metadata.history(catalog, ns, spec.tables.goldRolling))
        // the names as written: the validator has parsed the definition already on this reconcile
        .withDeclared(spec.features == null ? java.util.List.of() : spec.features.groups.stream()
            .map(g -> metadata.history(catalog, ns, g.name)).toList());
  }

  /** Plans for a Reprocess; nothing is read until asked. Null when the pipeline does not exist. */
  public StagePlans plans(FeaturePipeline pipeline, Reprocess reprocess, PipelineSecrets secrets) {
    return pipeline == null ? null
        : new TableStagePlans(metadata, () -> catalog(pipeline, secrets), pipeline.getSpec(), reprocess.getSpec());
  }

  /** The pipeline's tables for a TrainingSet; the catalog is opened when first asked. */
  public TrainingSetProgress.Tables tables(FeaturePipeline pipeline, PipelineSecrets secrets) {
    String ns = pipeline.getSpec().tables.namespace;
    return new TrainingSetProgress.Tables() {
      @Override
      public io.userflow.core.planner.SourceHistory history(String table) {
        return metadata.history(catalog(pipeline, secrets), ns, table);
      }

      @Override
      public java.util.List<String> columns(String table) {
        return metadata.columns(catalog(pipeline, secrets), ns, table);
      }
    };
  }

  CatalogSettings catalog(FeaturePipeline pipeline, PipelineSecrets secrets) {
    CatalogSpec spec = pipeline.getSpec().catalog;
    String namespace = pipeline.getMetadata().getNamespace();
    ObjectStorage storage = storage(namespace, spec, secrets);
    if (spec.type == CatalogType.rest) {
      return CatalogSettings.rest(spec.name, spec.uri, spec.warehouse, new RestCatalogSettings(spec.prefix,
          value(namespace, spec.oauth2Credential, secrets), value(namespace, spec.token, secrets),
          spec.oauth2ServerUri, null, spec.headers, spec.vendsCredentials()), storage);
    }
    String user = null;
    String password = null;
    if (spec.credentials != null) {
      user = secrets.value(namespace, spec.credentials.secretName, spec.credentials.usernameKey);
      password = secrets.value(namespace, spec.credentials.secretName, spec.credentials.passwordKey);
    }
    return new CatalogSettings(spec.name, spec.uri, spec.warehouse, user, password, storage);
  }

  private static String value(String namespace, SecretKeySpec key, PipelineSecrets secrets) {
    return key == null ? null : secrets.value(namespace, key.secretName, key.key);
  }

  private static ObjectStorage storage(String namespace, CatalogSpec catalog, PipelineSecrets secrets) {
    ObjectStorageSpec spec = catalog.storage;
    if (spec == null) {
      return null;
    }
    AccessKeySecret keys = SecretKeyRefs.storageKeys(catalog);
    if (keys == null) {
      return new ObjectStorage(spec.endpoint, spec.region, spec.pathStyleAccess, null, null);
    }
    return new ObjectStorage(spec.endpoint, spec.region, spec.pathStyleAccess,
        secrets.value(namespace, keys.secretName, keys.accessKeyIdKey),
        secrets.value(namespace, keys.secretName, keys.secretAccessKeyKey));
  }
}
