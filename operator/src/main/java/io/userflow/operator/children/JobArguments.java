package io.userflow.operator.children;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.planner.RequestedMode;
import io.userflow.core.planner.RunPlan;
import io.userflow.operator.api.spec.CatalogSpec;
import io.userflow.operator.api.spec.CatalogType;
import io.userflow.operator.api.spec.EventRulesSpec;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.spec.TrainingSetSpec;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.iceberg.Layouts;
import io.userflow.operator.secrets.SecretKeyRefs;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The jobs' command lines in one place: catalog options and stage options, by core's contract ({@link JobOptions});
 * a stage's main class is {@link Stage#mainClass}. A test harness can run that class with these arguments
 * in-process, with the credentials (the environment names of {@link SecretKeyRefs}) in its environment instead
 * of the Secret references.
 */
public final class JobArguments {
  private JobArguments() {}

  /** Streaming Bronze: Kafka → Bronze, resuming from the checkpoint. */
  public static List<String> bronze(FeaturePipelineSpec spec, String pipeline, String runId) {
    List<String> args = new ArrayList<>();
    add(args, JobOptions.BOOTSTRAP_SERVERS, spec.source.bootstrapServers);
    add(args, JobOptions.TOPIC, spec.source.topic);
    add(args, JobOptions.STARTING_OFFSETS, spec.source.startingOffsets);
    // protocol and mechanism only: the credentials and the CA come from the pods' environment (SecretKeyRefs)
    add(args, JobOptions.SECURITY_PROTOCOL, spec.source.securityProtocol.name());
    if (spec.source.securityProtocol.sasl()) {
      add(args, JobOptions.SASL_MECHANISM, spec.source.saslMechanism.kafkaName());
    }
    add(args, JobOptions.CHECKPOINT, spec.streaming.checkpointLocation);
    add(args, JobOptions.TRIGGER, JobOptions.PROCESSING_TIME_TRIGGER + spec.streaming.triggerInterval);
    common(args, spec, pipeline, runId);
    return args;
  }

  /**
   * Silver, Gold or Maintenance. The job re-plans at run time with the same planner; the operator passes the
   * planned mode (what was shown and approved) and, for a backfill, the date range. Session and gate settings go to
   * Silver only. Maintenance has no plan: it gets the run and the tables only, and keeps its own defaults.
   */
  public static List<String> batch(FeaturePipelineSpec spec, String pipeline, String runId, Stage stage,
      StagePlan plan, List<String> dropTables) {
    List<String> args = new ArrayList<>();
    if (!stage.planned()) {
      add(args, JobOptions.PIPELINE, pipeline);
      add(args, JobOptions.RUN_ID, runId);
      tables(args, spec);
      // the declared groups' tables are maintained too, and only a removed group's table may be dropped
      declared(args, spec);
      if (!dropTables.isEmpty()) {
        add(args, JobOptions.DROP_TABLES, String.join(",", dropTables));
      }
      return args;
    }
    common(args, spec, pipeline, runId);
    // a FULL the planner chose by itself runs as AUTO: the job then reaches it with its reason, and Silver's gate
    // holds it if it would shrink the table; a requested FULL or range runs as shown
    add(args, JobOptions.MODE, RunPlan.isUnrequestedFull(plan.mode, plan.reason) ? RequestedMode.AUTO.name()
        : plan.mode.name());
    if (plan.dateRange != null) {
      add(args, JobOptions.FROM_DATE, plan.dateRange.from);
      add(args, JobOptions.TO_DATE, plan.dateRange.to);
    }
    if (stage == Stage.Silver) {
      add(args, JobOptions.SESSION_GAP_MINUTES, Integer.toString(spec.batch.sessionGapMinutes));
      add(args, JobOptions.REJECT_RATIO_THRESHOLD, Double.toString(spec.batch.rejectRatioThreshold));
      add(args, JobOptions.MAX_UNREQUESTED_SHRINK, Double.toString(spec.batch.maxUnrequestedShrink));
      eventRules(args, spec.batch.eventRules);
    }
    if (stage == Stage.Gold) {
      declared(args, spec);
    } else if (spec.events != null) {
      add(args, JobOptions.EVENTS, Layouts.eventsText(spec));
    }
    add(args, JobOptions.FULL_REBUILD_SHARE, Double.toString(spec.batch.fullRebuildShare));
    return args;
  }

  /**
   * The training-set job: the pipeline's catalog and namespace, the spec's entity rows, features and output, and
   * every table's snapshot as recorded in the status (so what runs is what the status says).
   */
  public static List<String> trainingSet(FeaturePipelineSpec pipeline, TrainingSetSpec spec,
      java.util.Map<String, Long> snapshots) {
    List<String> args = new ArrayList<>();
    catalog(args, pipeline.catalog);
    add(args, JobOptions.NAMESPACE, pipeline.tables.namespace);
    add(args, JobOptions.ENTITIES, spec.entities);
    add(args, JobOptions.ENTITY_COLUMN, spec.entityColumn);
    add(args, JobOptions.TIMESTAMP_COLUMN, spec.timestampColumn);
    add(args, JobOptions.FEATURES, String.join(",", spec.features));
    add(args, JobOptions.OUT, spec.output);
    if (!snapshots.isEmpty()) {
      add(args, JobOptions.SNAPSHOT, snapshots.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(java.util.stream.Collectors.joining(",")));
    }
    if (spec.asKnownAt) {
      args.add(JobOptions.AS_KNOWN_AT);
    }
    return args;
  }

  /** The pipeline's event declaration and feature groups, as far as it declares them. */
  private static void declared(List<String> args, FeaturePipelineSpec spec) {
    if (spec.events != null) {
      add(args, JobOptions.EVENTS, Layouts.eventsText(spec));
    }
    if (spec.features != null) {
      add(args, JobOptions.FEATURE_GROUPS, Layouts.featureGroups(spec));
    }
  }

  /** Only the rules the pipeline sets: the Silver job holds the defaults. */
  private static void eventRules(List<String> args, EventRulesSpec r) {
    if (r == null) {
      return;
    }
    addIfSet(args, JobOptions.MAX_EVENT_AGE_DAYS, r.maxEventAgeDays);
    addIfSet(args, JobOptions.EVENT_TIME_FLOOR, r.eventTimeFloor);
    addIfSet(args, JobOptions.MAX_FUTURE_SKEW_MINUTES, r.maxFutureSkewMinutes);
    addIfSet(args, JobOptions.MAX_PRICE, r.maxPrice);
    addIfSet(args, JobOptions.MAX_QUANTITY, r.maxQuantity);
    addIfSet(args, JobOptions.MAX_RECORD_BYTES, r.maxRecordBytes);
    addIfSet(args, JobOptions.MAX_ID_LENGTH, r.maxIdLength);
    addIfSet(args, JobOptions.MAX_TEXT_LENGTH, r.maxTextLength);
  }

  private static void addIfSet(List<String> args, String option, Object value) {
    if (value != null) {
      add(args, option, value.toString());
    }
  }

  private static void common(List<String> args, FeaturePipelineSpec spec, String pipeline, String runId) {
    add(args, JobOptions.PIPELINE, pipeline);
    add(args, JobOptions.RUN_ID, runId);
    add(args, JobOptions.TRANSFORM_VERSION, spec.streaming.transformVersion);
    tables(args, spec);
  }

  private static void tables(List<String> args, FeaturePipelineSpec spec) {
    catalog(args, spec.catalog);
    add(args, JobOptions.NAMESPACE, spec.tables.namespace);
    add(args, JobOptions.BRONZE_TABLE, spec.tables.bronze);
    add(args, JobOptions.SILVER_TABLE, spec.tables.silver);
    add(args, JobOptions.REJECTS_TABLE, spec.tables.rejects);
    add(args, JobOptions.GOLD_DAILY_TABLE, spec.tables.goldDaily);
    add(args, JobOptions.GOLD_ROLLING_TABLE, spec.tables.goldRolling);
  }

  /**
   * Which catalog and how to reach it. A JDBC catalog's command line stays as it was before REST existed (no
   * {@code --catalog-type}), so an upgraded operator does not resubmit a running Bronze job. Credentials never:
   * the jobs read them from the environment ({@link SecretKeyRefs}).
   */
  private static void catalog(List<String> args, CatalogSpec catalog) {
    add(args, JobOptions.CATALOG_NAME, catalog.name);
    if (catalog.type == CatalogType.rest) {
      add(args, JobOptions.CATALOG_TYPE, catalog.type.name());
    }
    add(args, JobOptions.CATALOG_URI, catalog.uri);
    add(args, JobOptions.WAREHOUSE, catalog.warehouse);
    if (catalog.type != CatalogType.rest) {
      return;
    }
    addIfSet(args, JobOptions.CATALOG_PREFIX, catalog.prefix);
    addIfSet(args, JobOptions.CATALOG_OAUTH2_SERVER_URI, catalog.oauth2ServerUri);
    if (catalog.headers != null) {
      new TreeMap<>(catalog.headers).forEach((name, value) -> add(args, JobOptions.CATALOG_HEADER, name + "=" + value));
    }
    if (catalog.vendsCredentials()) {
      add(args, JobOptions.CATALOG_VENDED_CREDENTIALS, "true");
    }
  }

  private static void add(List<String> args, String option, String value) {
    args.add(option);
    args.add(value);
  }
}
