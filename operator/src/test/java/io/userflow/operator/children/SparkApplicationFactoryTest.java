package io.userflow.operator.children;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.contract.JobMains;
import io.userflow.core.contract.JobOptions;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.core.planner.PlanMode;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.KafkaTlsSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.secrets.SecretKeyRefs;
import io.userflow.operator.spark.RestartPolicy;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkPodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkApplicationFactoryTest {
  private final FeaturePipeline fp = Fixtures.pipeline("clicks");

  private static StageStatus run(int attempt) {
    StageStatus run = new StageStatus();
    run.plan = new StagePlan();
    run.plan.mode = PlanMode.INCREMENTAL;
    run.plan.fromSnapshotId = 1L;
    run.plan.toSnapshotId = 3L;
    run.attempt = attempt;
    return run;
  }

  @Test
  void streamingApplicationIsOwnedLabelledAndUsesTheBronzeJob() {
    SparkApplication app = SparkApplicationFactory.streaming(fp);
    assertThat(app.getApiVersion()).isEqualTo("sparkoperator.k8s.io/v1beta2");
    assertThat(app.getKind()).isEqualTo("SparkApplication");
    assertThat(app.getMetadata().getName()).isEqualTo("clicks-bronze");
    assertThat(app.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(app.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("FeaturePipeline");
      assertThat(ref.getUid()).isEqualTo(fp.getMetadata().getUid());
      assertThat(ref.getController()).isTrue();
    });
    assertThat(app.getMetadata().getLabels()).containsEntry(ApiGroup.PIPELINE_LABEL, "clicks")
        .containsEntry(ApiGroup.STAGE_LABEL, "bronze");
    assertThat(app.getSpec().mainClass).isEqualTo(JobMains.BRONZE);
    assertThat(app.getSpec().type).isEqualTo("Java");
    assertThat(app.getSpec().mode).isEqualTo("cluster");
    assertThat(app.getSpec().image).isEqualTo("ghcr.io/userflow/jobs:0.1.0");
    assertThat(app.getSpec().restartPolicy.type).isEqualTo(RestartPolicy.ALWAYS);
    assertThat(app.getSpec().timeToLiveSeconds).isNull();
    assertThat(app.getSpec().driver.serviceAccount).isEqualTo("spark");
    assertThat(app.getSpec().driver.instances).isNull();
    assertThat(app.getSpec().executor.instances).isEqualTo(1);
  }

  @Test
  void aCoreRequestReachesItsPodOnlyWhenSet() {
    fp.getSpec().batch.executor.coreRequest = "200m";
    SparkApplication silver = SparkApplicationFactory.batch(Fixtures.reprocess("nightly", "clicks"), fp,
        Stage.Silver, run(1));
    assertThat(silver.getSpec().executor.coreRequest).isEqualTo("200m");
    assertThat(silver.getSpec().executor.cores).isEqualTo(1);
    assertThat(silver.getSpec().driver.coreRequest).isNull();
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(SparkApplicationFactory.streaming(fp)))
        .doesNotContain("coreRequest");
  }

  @Test
  void everyApplicationCarriesThePipelineItsTablesBelongTo() {
    fp.getMetadata().setUid("uid-7");
    SparkApplication app = SparkApplicationFactory.streaming(fp);
    assertThat(app.getSpec().sparkConf).containsEntry(io.userflow.core.contract.TableOwner.SPARK_CONF,
        fp.getMetadata().getNamespace() + "/clicks/uid-7");
  }

  @Test
  void secretValuesReachThePodsThroughSparksOwnSecretKeyRefsNeverAsValues() {
    fp.getSpec().source.securityProtocol = KafkaSecurity.Protocol.SASL_SSL;
    fp.getSpec().source.saslMechanism = KafkaSecurity.Mechanism.SCRAM_SHA_256;
    fp.getSpec().source.credentials = new io.userflow.operator.api.spec.SecretCredentials();
    fp.getSpec().source.credentials.secretName = "kafka-user";
    fp.getSpec().source.tls = new KafkaTlsSpec();
    fp.getSpec().source.tls.caSecretName = "kafka-ca";
    SparkApplication app = SparkApplicationFactory.streaming(fp);
    // catalog commits happen on the driver only; executors read Kafka
    assertThat(app.getSpec().sparkConf)
        .containsEntry(SecretKeyRefs.DRIVER + JobOptions.CATALOG_USER_ENV, "catalog-credentials:username")
        .containsEntry(SecretKeyRefs.DRIVER + JobOptions.CATALOG_PASSWORD_ENV, "catalog-credentials:password")
        .doesNotContainKey(SecretKeyRefs.EXECUTOR + JobOptions.CATALOG_USER_ENV)
        .containsEntry(SecretKeyRefs.DRIVER + KafkaSecurity.USER_ENV, "kafka-user:username")
        .containsEntry(SecretKeyRefs.EXECUTOR + KafkaSecurity.PASSWORD_ENV, "kafka-user:password")
        .containsEntry(SecretKeyRefs.DRIVER + KafkaSecurity.CA_ENV, "kafka-ca:ca.crt")
        .containsEntry(SecretKeyRefs.EXECUTOR + KafkaSecurity.CA_ENV, "kafka-ca:ca.crt");
    // protocol and mechanism are arguments; user, password and CA only environment variables
    assertThat(app.getSpec().arguments).containsSequence("--security-protocol", "SASL_SSL")
        .containsSequence("--sasl-mechanism", "SCRAM-SHA-256")
        .noneMatch(a -> a.contains("password") || a.contains("kafka-user") || a.contains("kafka-ca"));
    // no pod env: Secret references there would need the spark-operator's webhook
    assertThat(app.getSpec().driver.env).isNull();
    assertThat(app.getSpec().executor.env).isNull();
    // a batch job does not read Kafka: no Kafka Secret reaches it
    SparkApplication silver = SparkApplicationFactory.batch(Fixtures.reprocess("nightly", "clicks"), fp,
        Stage.Silver, run(1));
    assertThat(silver.getSpec().sparkConf.keySet()).noneMatch(k -> k.contains("KAFKA"));
  }

  @Test
  void everySparkPodMeetsTheRestrictedPodSecurityStandard() {
    SparkApplication streaming = SparkApplicationFactory.streaming(fp);
    SparkApplication silver = SparkApplicationFactory.batch(Fixtures.reprocess("nightly", "clicks"), fp,
        Stage.Silver, run(1));
    for (SparkApplication app : List.of(streaming, silver)) {
      for (SparkPodSpec pod : List.of(app.getSpec().driver, app.getSpec().executor)) {
        assertThat(RestrictedProfile.violations(pod.podSecurityContext, pod.securityContext))
            .as("%s", app.getMetadata().getName()).isEmpty();
        assertThat(pod.podSecurityContext.getRunAsUser()).isEqualTo(185L);
      }
    }
    fp.getSpec().streaming.runAsUser = 1000;
    SparkPodSpec executor = SparkApplicationFactory.streaming(fp).getSpec().executor;
    assertThat(executor.securityContext.getRunAsUser()).isEqualTo(1000L);
    assertThat(executor.podSecurityContext.getFsGroup()).isEqualTo(1000L);
    // the check itself: a root container with default capabilities fails it
    assertThat(RestrictedProfile.violations(PodSecurity.pod(0), new io.fabric8.kubernetes.api.model.SecurityContext()))
        .contains("runAsUser 0", "allowPrivilegeEscalation != false", "capabilities.drop lacks ALL");
  }

  @Test
  void objectStorageReachesS3aAsSparkConfAndItsKeysAsSecretReferences() {
    fp.getSpec().catalog.storage = Fixtures.objectStorage();
    SparkApplication app = SparkApplicationFactory.streaming(fp);
    assertThat(app.getSpec().sparkConf)
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://userflow-s3.userflow:9000")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .containsEntry("spark.hadoop.fs.s3a.aws.credentials.provider", ObjectStorage.ENV_CREDENTIALS)
        .doesNotContainKeys("spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.secret.key");
    for (String pod : new String[] {SecretKeyRefs.DRIVER, SecretKeyRefs.EXECUTOR}) {
      assertThat(app.getSpec().sparkConf)
          .containsEntry(pod + "AWS_ACCESS_KEY_ID", "userflow-s3:AWS_ACCESS_KEY_ID")
          .containsEntry(pod + "AWS_SECRET_ACCESS_KEY", "userflow-s3:AWS_SECRET_ACCESS_KEY");
    }
    Reprocess rp = Fixtures.reprocess("nightly", "clicks");
    SparkApplication silver = SparkApplicationFactory.batch(rp, fp, Stage.Silver, run(1));
    assertThat(silver.getSpec().sparkConf).containsEntry("spark.hadoop.fs.s3a.endpoint", "http://userflow-s3.userflow:9000")
        .containsEntry(SecretKeyRefs.EXECUTOR + "AWS_ACCESS_KEY_ID", "userflow-s3:AWS_ACCESS_KEY_ID");
  }

  @Test
  void withoutKeysS3aKeepsItsDefaultCredentialChain() {
    fp.getSpec().catalog.storage = Fixtures.objectStorage();
    fp.getSpec().catalog.storage.credentials = null;
    SparkApplication app = SparkApplicationFactory.streaming(fp);
    assertThat(app.getSpec().sparkConf).containsKey("spark.hadoop.fs.s3a.endpoint")
        .doesNotContainKey("spark.hadoop.fs.s3a.aws.credentials.provider")
        .doesNotContainKeys(SecretKeyRefs.DRIVER + "AWS_ACCESS_KEY_ID", SecretKeyRefs.EXECUTOR + "AWS_ACCESS_KEY_ID");
  }

  @Test
  void aRestCatalogsCredentialReachesTheDriverAsASecretReferenceAndVendedCredentialsLeaveNoS3Keys() {
    fp.getSpec().catalog = Fixtures.restCatalog();
    fp.getSpec().catalog.storage = Fixtures.objectStorage();
    fp.getSpec().catalog.storage.credentials.secretName = "userflow-s3"; // refused by the validator, kept out here too
    for (SparkApplication app : List.of(SparkApplicationFactory.streaming(fp),
        SparkApplicationFactory.batch(Fixtures.reprocess("nightly", "clicks"), fp, Stage.Gold, run(1)))) {
      assertThat(app.getSpec().sparkConf)
          .containsEntry(SecretKeyRefs.DRIVER + JobOptions.CATALOG_CREDENTIAL_ENV, "rest-catalog:credential")
          .doesNotContainKeys(SecretKeyRefs.EXECUTOR + JobOptions.CATALOG_CREDENTIAL_ENV,
              SecretKeyRefs.DRIVER + JobOptions.CATALOG_TOKEN_ENV, SecretKeyRefs.DRIVER + JobOptions.CATALOG_USER_ENV)
          .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://userflow-s3.userflow:9000")
          .doesNotContainKeys("spark.hadoop.fs.s3a.aws.credentials.provider",
              SecretKeyRefs.DRIVER + SecretKeyRefs.S3_ACCESS_KEY_ENV, SecretKeyRefs.EXECUTOR + SecretKeyRefs.S3_ACCESS_KEY_ENV,
              SecretKeyRefs.DRIVER + SecretKeyRefs.S3_SECRET_KEY_ENV, SecretKeyRefs.EXECUTOR + SecretKeyRefs.S3_SECRET_KEY_ENV);
      assertThat(app.getSpec().arguments).containsSequence("--catalog-type", "rest");
    }
    fp.getSpec().catalog.oauth2Credential = null;
    fp.getSpec().catalog.token = Fixtures.secretKey("rest-token", "token");
    assertThat(SparkApplicationFactory.streaming(fp).getSpec().sparkConf)
        .containsEntry(SecretKeyRefs.DRIVER + JobOptions.CATALOG_TOKEN_ENV, "rest-token:token")
        .doesNotContainKey(SecretKeyRefs.DRIVER + JobOptions.CATALOG_CREDENTIAL_ENV);
    assertThat(SecretKeyRefs.secretNames(fp.getSpec())).containsExactly("rest-token");
  }

  @Test
  void specHashChangesWithTheSpecOnly() {
    String hash = hash(fp);
    assertThat(hash(Fixtures.pipeline("clicks"))).isEqualTo(hash);
    fp.getSpec().batch.sessionGapMinutes = 45;
    assertThat(hash(fp)).as("a batch setting does not restart streaming").isEqualTo(hash);
    fp.getSpec().streaming.triggerInterval = "30s";
    assertThat(hash(fp)).isNotEqualTo(hash);
    assertThat(SparkApplicationFactory.streaming(fp).getMetadata().getAnnotations())
        .as("the matcher of the dependent compares specs; no hash on the application").isNullOrEmpty();
  }

  private static String hash(FeaturePipeline pipeline) {
    return SparkApplicationFactory.specHash(SparkApplicationFactory.streaming(pipeline).getSpec());
  }

  @Test
  void batchApplicationIsOwnedByTheReprocessAndNeverRestartedBySparkOperator() {
    Reprocess rp = Fixtures.reprocess("nightly", "clicks");
    SparkApplication app = SparkApplicationFactory.batch(rp, fp, Stage.Silver, run(2));
    assertThat(app.getMetadata().getName()).matches("nightly-silver-[0-9a-f]{8}-2");
    assertThat(app.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("Reprocess"));
    assertThat(app.getMetadata().getLabels()).containsEntry(ApiGroup.REPROCESS_LABEL, "nightly")
        .containsEntry(ApiGroup.STAGE_LABEL, "silver");
    assertThat(app.getSpec().mainClass).isEqualTo(JobMains.SILVER);
    assertThat(app.getSpec().arguments).containsSequence("--run-id", app.getMetadata().getName());
    assertThat(app.getSpec().restartPolicy.type).isEqualTo(RestartPolicy.NEVER);
    assertThat(app.getSpec().timeToLiveSeconds).isEqualTo(SparkApplicationFactory.BATCH_TTL_SECONDS);
    assertThat(app.getSpec().executor.instances).isEqualTo(2);
    assertThat(app.getSpec().sparkConf).doesNotContainKey(SecretKeyRefs.DRIVER + io.userflow.core.kafka.KafkaSecurity.USER_ENV);
  }

  @Test
  void serializesWithUpstreamFieldNamesAndNoNulls() {
    String json = io.fabric8.kubernetes.client.utils.Serialization.asJson(SparkApplicationFactory.streaming(fp));
    assertThat(json).contains("\"mainApplicationFile\"", "\"sparkVersion\"", "\"restartPolicy\"", "\"sparkConf\"",
        "\"hadoopConf\"", "\"arguments\"").doesNotContain("null");
  }
}
