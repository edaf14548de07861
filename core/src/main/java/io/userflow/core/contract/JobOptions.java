package io.userflow.core.contract;

/**
 * The jobs' command-line options the operator passes, named once: the jobs declare them with
 * {@code @Option(names = JobOptions.X)} and the operator's {@code JobArguments} writes them. A renamed option then
 * breaks the build instead of the next run. Options only a local run uses (e.g. {@code --master}) stay with the job.
 */
public final class JobOptions {
  // every stage
  public static final String PIPELINE = "--pipeline";
  public static final String RUN_ID = "--run-id";
  public static final String TRANSFORM_VERSION = "--transform-version";
  public static final String CATALOG_NAME = "--catalog-name";
  public static final String CATALOG_URI = "--catalog-uri";
  public static final String WAREHOUSE = "--warehouse";
  public static final String NAMESPACE = "--namespace";
  public static final String BRONZE_TABLE = "--bronze-table";
  public static final String SILVER_TABLE = "--silver-table";
  public static final String REJECTS_TABLE = "--rejects-table";
  public static final String GOLD_DAILY_TABLE = "--gold-daily-table";
  public static final String GOLD_ROLLING_TABLE = "--gold-rolling-table";
  /** Environment variables the catalog credentials arrive in (the operator maps them from a Secret). */
  public static final String CATALOG_USER_ENV = "USERFLOW_CATALOG_USER";
  public static final String CATALOG_PASSWORD_ENV = "USERFLOW_CATALOG_PASSWORD";

  // Bronze
  public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
  public static final String TOPIC = "--topic";
  public static final String STARTING_OFFSETS = "--starting-offsets";
  public static final String SECURITY_PROTOCOL = "--security-protocol";
  public static final String SASL_MECHANISM = "--sasl-mechanism";
  public static final String CHECKPOINT = "--checkpoint";
  public static final String TRIGGER = "--trigger";
  /** Value prefix of {@link #TRIGGER} for a processing-time trigger: {@code processing-time:<interval>}. */
  public static final String PROCESSING_TIME_TRIGGER = "processing-time:";

  // Silver and Gold
  public static final String MODE = "--mode";
  public static final String FROM_DATE = "--from-date";
  public static final String TO_DATE = "--to-date";
  public static final String FULL_REBUILD_SHARE = "--full-rebuild-share";

  // Silver
  public static final String SESSION_GAP_MINUTES = "--session-gap-minutes";
  public static final String REJECT_RATIO_THRESHOLD = "--reject-ratio-threshold";
  public static final String MAX_EVENT_AGE_DAYS = "--max-event-age-days";
  public static final String EVENT_TIME_FLOOR = "--event-time-floor";
  public static final String MAX_FUTURE_SKEW_MINUTES = "--max-future-skew-minutes";
  public static final String MAX_PRICE = "--max-price";
  public static final String MAX_QUANTITY = "--max-quantity";
  public static final String MAX_RECORD_BYTES = "--max-record-bytes";
  public static final String MAX_ID_LENGTH = "--max-id-length";
  public static final String MAX_TEXT_LENGTH = "--max-text-length";

  // Maintenance
  public static final String MIN_INPUT_FILES = "--min-input-files";
  public static final String RETAIN_LAST = "--retain-last";
  public static final String RETENTION_HOURS = "--retention-hours";
  public static final String MAX_UNREQUESTED_SHRINK = "--max-unrequested-shrink";
  /** A FULL run nobody asked for may remove at most this share of Silver's rows before its gate holds it. */
  public static final double MAX_UNREQUESTED_SHRINK_DEFAULT = 0.5;
  public static final String AUDIT_BRANCH_RETENTION_HOURS = "--audit-branch-retention-hours";

  private JobOptions() {}
}
