package io.userflow.operator.children;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.core.contract.JobMains;
import io.userflow.core.contract.TableOwner;
import io.userflow.core.iceberg.ObjectStorage;
import io.userflow.operator.api.ApiGroup;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.TrainingSet;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ObjectStorageSpec;
import io.userflow.operator.api.spec.SparkResources;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.StageStatus;
import io.userflow.operator.api.status.TrainingSetStatus;
import io.userflow.operator.naming.ChildNames;
import io.userflow.operator.naming.Hashes;
import io.userflow.operator.secrets.SecretKeyRefs;
import io.userflow.operator.spark.RestartPolicy;
import io.userflow.operator.spark.SparkApplication;
import io.userflow.operator.spark.SparkApplicationSpec;
import io.userflow.operator.spark.SparkPodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired SparkApplications. Pure: records in, a resource out; no Kubernetes client. */
public final class SparkApplicationFactory {
  /** Seconds between the spark-operator's restarts of a failed streaming driver. */
  public static final long STREAMING_RETRY_INTERVAL_SECONDS = 30;
  /** Finished batch applications are deleted by the spark-operator after a week (their status is copied). */
  public static final long BATCH_TTL_SECONDS = 7 * 24 * 3600L;

  private SparkApplicationFactory() {}

  /** The pipeline's long-running Bronze query; a spec change resubmits it on the same checkpoint. */
  public static SparkApplication streaming(FeaturePipeline pipeline) {
    FeaturePipelineSpec spec = pipeline.getSpec();
    String name = ChildNames.streaming(pipeline.getMetadata().getName());
    Map<String, String> labels = labels(pipeline.getMetadata().getName(), "bronze");
    SparkApplicationSpec app = base(pipeline, JobMains.BRONZE,
        JobArguments.bronze(spec, pipeline.getMetadata().getName(), name), true);
    app.driver = pod(spec.streaming.driver, false, spec, labels);
    app.executor = pod(spec.streaming.executor, true, spec, labels);
    app.restartPolicy = RestartPolicy.always(STREAMING_RETRY_INTERVAL_SECONDS);
    return resource(pipeline, name, labels, app);
  }

  /** One attempt of one batch stage; retries are new applications with the next attempt number. */
  public static SparkApplication batch(Reprocess reprocess, FeaturePipeline pipeline, Stage stage, StageStatus run) {
    FeaturePipelineSpec spec = pipeline.getSpec();
    String name = ChildNames.stage(reprocess.getMetadata().getName(), stage, run.plan, run.attempt);
    Map<String, String> labels = labels(pipeline.getMetadata().getName(), stage.key());
    labels.put(ApiGroup.REPROCESS_LABEL, reprocess.getMetadata().getName());
    SparkApplicationSpec app = base(pipeline, stage.mainClass(),
        JobArguments.batch(spec, pipeline.getMetadata().getName(), name, stage, run.plan,
            reprocess.getSpec().dropTables), false);
    app.driver = pod(spec.batch.driver, false, spec, labels);
    app.executor = pod(spec.batch.executor, true, spec, labels);
    app.restartPolicy = RestartPolicy.never();
    app.timeToLiveSeconds = BATCH_TTL_SECONDS;
    return resource(reprocess, name, labels, app);
  }

  /** A TrainingSet's job, on the pipeline's image and batch resources, reading the snapshots its status records. */
  public static SparkApplication trainingSet(TrainingSet trainingSet, FeaturePipeline pipeline,
      TrainingSetStatus status) {
    FeaturePipelineSpec spec = pipeline.getSpec();
    Map<String, String> labels = labels(pipeline.getMetadata().getName(), "training-set");
    labels.put(ApiGroup.TRAINING_SET_LABEL, trainingSet.getMetadata().getName());
    SparkApplicationSpec app = base(pipeline, JobMains.TRAINING_SET,
        JobArguments.trainingSet(spec, trainingSet.getSpec(), status.snapshots), false);
    app.driver = pod(spec.batch.driver, false, spec, labels);
    app.executor = pod(spec.batch.executor, true, spec, labels);
    app.restartPolicy = RestartPolicy.never();
    app.timeToLiveSeconds = BATCH_TTL_SECONDS;
    return resource(trainingSet, status.application, labels, app);
  }

  /** The pipeline the tables of {@code pipeline} belong to. */
  public static TableOwner owner(FeaturePipeline pipeline) {
    return new TableOwner(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName(),
        java.util.Objects.toString(pipeline.getMetadata().getUid(), ""));
  }

  /** Fingerprint of a spec; the pipeline status keeps the submitted one to tell a resubmit from a re-check. */
  public static String specHash(SparkApplicationSpec spec) {
    return Hashes.hex(16, Serialization.asJson(spec));
  }

  private static SparkApplicationSpec base(FeaturePipeline pipeline, String mainClass, List<String> args,
      boolean kafka) {
    FeaturePipelineSpec spec = pipeline.getSpec();
    SparkApplicationSpec app = new SparkApplicationSpec();
    app.sparkVersion = spec.streaming.sparkVersion;
    app.image = spec.streaming.image;
    app.imagePullPolicy = "IfNotPresent";
    app.mainClass = mainClass;
    app.mainApplicationFile = spec.streaming.applicationFile;
    app.arguments = args;
    app.sparkConf.put("spark.sql.session.timeZone", "UTC");
    // the jobs stamp the tables they open with their pipeline and refuse tables another pipeline owns
    app.sparkConf.put(TableOwner.SPARK_CONF, owner(pipeline).format());
    ObjectStorageSpec storage = spec.catalog.storage;
    if (storage != null) {
      new ObjectStorage(storage.endpoint, storage.region, storage.pathStyleAccess, null, null).hadoopProperties()
          .forEach((key, value) -> app.sparkConf.put("spark.hadoop." + key, value));
      if (SecretKeyRefs.storageKeys(spec.catalog) != null) {
        app.sparkConf.put("spark.hadoop.fs.s3a.aws.credentials.provider", ObjectStorage.ENV_CREDENTIALS);
      }
    }
    app.sparkConf.putAll(SecretKeyRefs.of(spec, kafka));
    return app;
  }

  private static SparkPodSpec pod(SparkResources resources, boolean executor, FeaturePipelineSpec spec,
      Map<String, String> labels) {
    SparkPodSpec pod = new SparkPodSpec();
    pod.cores = resources.cores;
    pod.coreRequest = resources.coreRequest;
    pod.memory = resources.memory;
    pod.instances = executor ? resources.instances : null;
    pod.serviceAccount = executor ? null : spec.streaming.serviceAccount;
    pod.labels = new LinkedHashMap<>(labels);
    pod.podSecurityContext = PodSecurity.pod(spec.streaming.runAsUser);
    pod.securityContext = PodSecurity.container(spec.streaming.runAsUser);
    return pod;
  }

  private static Map<String, String> labels(String pipeline, String stage) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY);
    labels.put(ApiGroup.PIPELINE_LABEL, pipeline);
    labels.put(ApiGroup.STAGE_LABEL, stage);
    return labels;
  }

  private static SparkApplication resource(HasMetadata owner, String name, Map<String, String> labels,
      SparkApplicationSpec spec) {
    SparkApplication app = new SparkApplication();
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind()).withName(owner.getMetadata().getName())
            .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
        .build());
    app.setSpec(spec);
    return app;
  }
}
