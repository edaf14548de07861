package io.userflow.core.lineage;

/**
 * Keys userflow writes into every Iceberg snapshot summary it commits (through the write option
 * {@code snapshot-property.<key>}). They are the recovery truth: the planner and the operator rebuild
 * what was processed from these values, never from memory.
 */
public final class LineageKeys {
  /** Pipeline (FeaturePipeline name) that committed the snapshot. */
  public static final String PIPELINE = "userflow.pipeline";
  /** Stage that committed: bronze, silver, silver-rejects, gold-daily, gold-rolling. */
  public static final String STAGE = "userflow.stage";
  /** Run id of the job run (a Reprocess run or a streaming query id). */
  public static final String RUN_ID = "userflow.run-id";
  /** Version of the transform code; a change forces a FULL rebuild. */
  public static final String TRANSFORM_VERSION = "userflow.transform-version";
  /** Source table the stage read. */
  public static final String SOURCE_TABLE = "userflow.source-table";
  /** Last source snapshot id this commit has processed (inclusive). */
  public static final String SOURCE_SNAPSHOT_ID = "userflow.source-snapshot-id";
  /** Plan mode of the run that committed: NOOP, INCREMENTAL or FULL. */
  public static final String PLAN_MODE = "userflow.plan-mode";
  /** Plan reason code of the run that committed. */
  public static final String PLAN_REASON = "userflow.plan-reason";
  /** Comma-separated ISO dates of the partitions this commit rewrote (event_date or feature_date). */
  public static final String AFFECTED_DATES = "userflow.affected-dates";
  /**
   * How a Silver commit changed its table: {@link #CHANGED_ROWS} when its added data files hold exactly the rows it
   * inserted or changed (a row-level merge; Gold then writes only the rows of its dates that differ), absent when it
   * replaced whole partitions (Gold then replaces those dates whole).
   */
  public static final String CHANGE_UNIT = "userflow.change-unit";
  /** {@link #CHANGE_UNIT} of a row-level commit. */
  public static final String CHANGED_ROWS = "rows";
  /** Streaming: the Kafka end offsets covered by this commit, as {@code topic/partition:offset,...}. */
  public static final String KAFKA_OFFSETS = "userflow.kafka-offsets";
  /** Streaming: batch id of the micro-batch that committed. */
  public static final String BATCH_ID = "userflow.batch-id";

  /** A declared feature group's table: the hash of the definition its rows were computed by. */
  public static final String DEFINITION_HASH = "userflow.definition-hash";
  /** A declared feature group's table: that definition, as canonical JSON (to say what changed). */
  public static final String DEFINITION = "userflow.definition";

  /**
   * Silver and its rejects: the event declaration the run validated with, as its canonical JSON
   * ({@code EventDeclaration.toJson()}); absent when it was the default declaration, so default tables keep exactly
   * the summaries they had. The planner compares it with the declaration of the next run.
   */
  public static final String EVENTS = "userflow.events";
  /** Beside {@link #EVENTS}: its {@code EventDeclaration.hash()}, for status and for people reading the summary. */
  public static final String EVENTS_HASH = "userflow.events-hash";

  /** Write-option prefix that turns a key into a snapshot-summary property. */
  public static final String WRITE_OPTION_PREFIX = "snapshot-property.";

  private LineageKeys() {}

  /** The Spark/Iceberg write option that stores {@code key} in the snapshot summary. */
  public static String writeOption(String key) {
    return WRITE_OPTION_PREFIX + key;
  }

  /** The write options that store every entry of {@code summary} in the snapshot summary, in order. */
  public static java.util.Map<String, String> writeOptions(java.util.Map<String, String> summary) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
    summary.forEach((k, v) -> options.put(writeOption(k), v));
    return options;
  }
}
