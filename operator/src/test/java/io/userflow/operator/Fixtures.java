package io.userflow.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.ReprocessApproval;
import io.userflow.operator.api.spec.ReprocessApprovalSpec;
import io.userflow.operator.decide.ApprovalPolicy;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.spec.TrainingSetSpec;
import io.userflow.operator.api.spec.AccessKeySecret;
import io.userflow.operator.api.spec.CatalogSpec;
import io.userflow.operator.api.spec.CatalogType;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.KafkaSourceSpec;
import io.userflow.operator.api.spec.ObjectStorageSpec;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.SecretCredentials;
import io.userflow.operator.api.spec.SecretKeySpec;
import io.userflow.operator.api.spec.StreamingSpec;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.validate.AllowLists;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

/** Valid resources to start tests from. */
public final class Fixtures {
  public static final String NAMESPACE = "team-a";
  /** The operator's own ServiceAccount in tests. */
  public static final String OPERATOR_SERVICE_ACCOUNT = "userflow-operator";
  public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private Fixtures() {}

  /** Object storage with an access key Secret, as the kind stack's S3Proxy is set. */
  public static ObjectStorageSpec objectStorage() {
    ObjectStorageSpec storage = new ObjectStorageSpec();
    storage.endpoint = "http://userflow-s3.userflow:9000";
    storage.credentials = new AccessKeySecret();
    storage.credentials.secretName = "userflow-s3";
    return storage;
  }

  /**
   * A REST catalog with OAuth2 client credentials from the Secret rest-catalog (key credential), a prefix, one extra
   * header and vended credentials: no S3 keys of the pipeline's own.
   */
  public static CatalogSpec restCatalog() {
    CatalogSpec catalog = new CatalogSpec();
    catalog.type = CatalogType.rest;
    catalog.uri = "https://polaris.example.com/api/catalog";
    catalog.warehouse = "analytics";
    catalog.prefix = "analytics";
    catalog.oauth2Credential = secretKey("rest-catalog", "credential");
    catalog.headers = new java.util.LinkedHashMap<>(java.util.Map.of("X-Tenant", "team-a"));
    catalog.vendedCredentials = true;
    return catalog;
  }

  public static SecretKeySpec secretKey(String secretName, String key) {
    SecretKeySpec ref = new SecretKeySpec();
    ref.secretName = secretName;
    ref.key = key;
    return ref;
  }

  /** Two declared groups, a daily one with a filtered count and a sum over an expression, and a 30-day window. */
  public static final String FEATURES = """
      groups:
        - name: shopper_daily
          entity: user_id
          features:
            - {name: big_purchases, aggregation: count, filter: "event_type = 'purchase' AND price >= 50"}
            - {name: spend, aggregation: sum, expression: "price * coalesce(quantity, 1)", filter: "event_type = 'purchase'"}
        - name: shopper_30d
          entity: user_id
          grain: rolling
          days: 30
          of: shopper_daily
          features:
            - {name: spend, aggregation: sum, expression: spend}
      """;

  /** {@code yaml} (a definition file's shape) as a FeaturePipeline's {@code spec.features}. */
  public static io.userflow.operator.api.spec.FeaturesSpec features(String yaml) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readValue(yaml, io.userflow.operator.api.spec.FeaturesSpec.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static FeaturePipeline pipeline(String name) {
    FeaturePipeline fp = new FeaturePipeline();
    fp.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
        .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString()).withGeneration(1L).build());
    FeaturePipelineSpec spec = new FeaturePipelineSpec();
    spec.source = new KafkaSourceSpec();
    spec.source.bootstrapServers = "kafka:9092";
    spec.source.topic = "user-events";
    spec.catalog = new CatalogSpec();
    spec.catalog.uri = "jdbc:postgresql://catalog-db:5432/iceberg";
    spec.catalog.warehouse = "s3a://warehouse/userflow";
    spec.catalog.credentials = new SecretCredentials();
    spec.catalog.credentials.secretName = "catalog-credentials";
    spec.streaming = new StreamingSpec();
    spec.streaming.image = "ghcr.io/userflow/jobs:0.1.0";
    spec.streaming.transformVersion = "v1";
    spec.streaming.checkpointLocation = "s3a://checkpoints/userflow/bronze";
    fp.setSpec(spec);
    return fp;
  }

  public static Reprocess reprocess(String name, String pipeline) {
    Reprocess rp = new Reprocess();
    rp.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
        .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString()).withGeneration(1L)
        .withCreationTimestamp("2026-11-25T09:00:00Z").build());
    ReprocessSpec spec = new ReprocessSpec();
    spec.pipelineRef = pipeline;
    rp.setSpec(spec);
    return rp;
  }

  /** An approval of {@code planHash} of Reprocess {@code reprocess}, made at {@link #NOW}. */
  public static ReprocessApproval approval(String name, String reprocess, String planHash) {
    ReprocessApproval a = new ReprocessApproval();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
        .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString()).withGeneration(1L)
        .withCreationTimestamp(NOW.toString()).build());
    a.setSpec(new ReprocessApprovalSpec());
    a.getSpec().reprocessRef = reprocess;
    a.getSpec().planHash = planHash;
    return a;
  }

  /** Event time, the demo's two feature tables, written to object storage. */
  public static TrainingSet trainingSet(String name, String pipeline) {
    TrainingSet ts = new TrainingSet();
    ts.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
        .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString()).withGeneration(1L).build());
    TrainingSetSpec spec = new TrainingSetSpec();
    spec.pipelineRef = pipeline;
    spec.entities = "s3a://ml/labels/churn.csv";
    spec.features = new java.util.ArrayList<>(List.of("user_rolling_7d_features.purchase_count", "user_daily_features.*"));
    spec.output = "s3a://ml/training/churn.parquet";
    ts.setSpec(spec);
    return ts;
  }

  /**
   * The operator's settings in tests that run the reconcilers themselves: the chart's resync and Lease name, a queue
   * re-check longer than any wait in a test (a queued Reprocess must be woken by the one it waits for), no pod.
   */
  public static OperatorConfig operatorConfig() {
    return operatorConfig(false, 0);
  }

  /** {@link #operatorConfig()} with an approval policy (chart values approvalPolicy.full, maxDays). */
  public static OperatorConfig operatorConfig(boolean approveFull, int approveOverDays) {
    return new OperatorConfig() {
      @Override
      public Duration pipelineResync() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Duration queueRecheck() {
        return Duration.ofMinutes(5);
      }

      @Override
      public Duration bronzeRecheck() {
        return Duration.ofMillis(500);
      }

      @Override
      public String leaseName() {
        return "userflow-operator";
      }

      @Override
      public Optional<String> podNamespace() {
        return Optional.empty();
      }

      @Override
      public Optional<String> podName() {
        return Optional.empty();
      }

      @Override
      public Optional<String> serviceAccount() {
        return Optional.of(OPERATOR_SERVICE_ACCOUNT);
      }

      @Override
      public Allow allow() {
        return new Allow() {
          @Override
          public List<String> imagePrefixes() {
            return List.of("ghcr.io/userflow/");
          }

          @Override
          public Optional<List<String>> applicationFilePrefixes() {
            return Optional.empty();
          }

          @Override
          public List<String> serviceAccounts() {
            return List.of("spark");
          }

          @Override
          public Optional<List<String>> catalogUriPrefixes() {
            return Optional.empty();
          }

          @Override
          public Optional<List<String>> storageEndpointPrefixes() {
            return Optional.empty();
          }
        };
      }

      @Override
      public Approval approval() {
        return new Approval() {
          @Override
          public boolean full() {
            return approveFull;
          }

          @Override
          public int maxDays() {
            return approveOverDays;
          }
        };
      }
    };
  }

  /** No plan needs an approval its spec does not ask for (the policy's own tests set one). */
  public static ApprovalPolicy approvalPolicy() {
    return ApprovalPolicy.of(operatorConfig());
  }

  /** The operator's defaults: images from ghcr.io/userflow/, jars inside them, drivers as ServiceAccount spark. */
  public static AllowLists allowLists() {
    return AllowLists.of(operatorConfig());
  }
}
