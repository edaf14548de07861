package io.userflow.operator.model;

import io.userflow.operator.api.spec.EventRulesSpec;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.StagePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs' command lines, as picocli long options, in one place: main classes, catalog options and stage
 * options. A test harness can run {@code mainClass} with these arguments in-process, with the credentials
 * below in its environment instead of the Secret references.
 */
public final class JobArguments {
  public static final String BRONZE_MAIN = "io.userflow.jobs.bronze.BronzeJob";
  public static final String SILVER_MAIN = "io.userflow.jobs.silver.SilverJob";
  public static final String GOLD_MAIN = "io.userflow.jobs.gold.GoldJob";

  public static final String CATALOG_USER_ENV = "USERFLOW_CATALOG_USER";
  public static final String CATALOG_PASSWORD_ENV = "USERFLOW_CATALOG_PASSWORD";
  /** The names the AWS SDK's environment credential provider reads; s3a uses that provider. */
  public static final String S3_ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
  public static final String S3_SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";

  private JobArguments() {}

  public static String mainClass(Stage stage) {
    return stage == Stage.Silver ? SILVER_MAIN : GOLD_MAIN;
  }

  /** Streaming Bronze: Kafka → Bronze, resuming from the checkpoint. */
  public static List<String> bronze(FeaturePipelineSpec spec, String pipeline, String runId) {
    List<String> args = new ArrayList<>();
    add(args, "--bootstrap-servers", spec.source.bootstrapServers);
    add(args, "--topic", spec.source.topic);
    add(args, "--starting-offsets", spec.source.startingOffsets);
    // protocol and mechanism only: the credentials and the CA come from the pods' environment (SecretKeyRefs)
    add(args, "--security-protocol", spec.source.securityProtocol.name());
    if (spec.source.securityProtocol.sasl()) {
      add(args, "--sasl-mechanism", spec.source.saslMechanism.kafkaName());
    }
    add(args, "--checkpoint", spec.streaming.checkpointLocation);
    add(args, "--trigger", "processing-time:" + spec.streaming.triggerInterval);
    common(args, spec, pipeline, runId);
    return args;
  }

  /**
   * Silver or Gold. The job re-plans at run time with the same planner; the operator passes the planned mode
   * (what was shown and approved) and, for a backfill, the date range. Session and gate settings go to Silver only.
   */
  public static List<String> batch(FeaturePipelineSpec spec, String pipeline, String runId, Stage stage,
      StagePlan plan) {
    List<String> args = new ArrayList<>();
    common(args, spec, pipeline, runId);
    add(args, "--mode", plan.mode.name());
    if (plan.dateRange != null) {
      add(args, "--from-date", plan.dateRange.from);
      add(args, "--to-date", plan.dateRange.to);
    }
    if (stage == Stage.Silver) {
      add(args, "--session-gap-minutes", Integer.toString(spec.batch.sessionGapMinutes));
      add(args, "--reject-ratio-threshold", Double.toString(spec.batch.rejectRatioThreshold));
      eventRules(args, spec.batch.eventRules);
    }
    add(args, "--full-rebuild-share", Double.toString(spec.batch.fullRebuildShare));
    return args;
  }

  /** Only the rules the pipeline sets: the Silver job holds the defaults. */
  private static void eventRules(List<String> args, EventRulesSpec r) {
    if (r == null) {
      return;
    }
    addIfSet(args, "--max-event-age-days", r.maxEventAgeDays);
    addIfSet(args, "--event-time-floor", r.eventTimeFloor);
    addIfSet(args, "--max-future-skew-minutes", r.maxFutureSkewMinutes);
    addIfSet(args, "--max-price", r.maxPrice);
    addIfSet(args, "--max-quantity", r.maxQuantity);
    addIfSet(args, "--max-record-bytes", r.maxRecordBytes);
    addIfSet(args, "--max-id-length", r.maxIdLength);
    addIfSet(args, "--max-text-length", r.maxTextLength);
  }

  private static void addIfSet(List<String> args, String option, Object value) {
    if (value != null) {
      add(args, option, value.toString());
    }
  }

  private static void common(List<String> args, FeaturePipelineSpec spec, String pipeline, String runId) {
    add(args, "--pipeline", pipeline);
    add(args, "--run-id", runId);
    add(args, "--transform-version", spec.streaming.transformVersion);
    add(args, "--catalog-name", spec.catalog.name);
    add(args, "--catalog-uri", spec.catalog.uri);
    add(args, "--warehouse", spec.catalog.warehouse);
    add(args, "--namespace", spec.tables.namespace);
    add(args, "--bronze-table", spec.tables.bronze);
    add(args, "--silver-table", spec.tables.silver);
    add(args, "--rejects-table", spec.tables.rejects);
    add(args, "--gold-daily-table", spec.tables.goldDaily);
    add(args, "--gold-rolling-table", spec.tables.goldRolling);
  }

  private static void add(List<String> args, String option, String value) {
    args.add(option);
    args.add(value);
  }
}
