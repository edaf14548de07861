package io.userflow.core.contract;

import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;

/**
 * The jobs' command-line options the operator passes, named once: the jobs declare them with
 * {@code @Option(names = JobOptions.X)} and the operator's {@code JobArguments} writes them. A renamed option then
 * breaks the build instead of the next run. Options only a local run uses (e.g. {@code --master}) stay with the job.
 *
 * <p>An option with a default has it beside its name, as {@code X_DEFAULT} (Iceberg's {@code TableProperties}
 * idiom): the job's picocli default, the FeaturePipeline CRD's {@code @Default} and the stages' settings read this
 * one constant, so the operator and a local run cannot disagree on a threshold.
 */
public final class JobOptions {
  // every stage
  public static final String PIPELINE = "--pipeline";
  public static final String RUN_ID = "--run-id";
  public static final String TRANSFORM_VERSION = "--transform-version";
  public static final String CATALOG_NAME = "--catalog-name";
  public static final String CATALOG_URI = "--catalog-uri";
  /** {@code jdbc} or {@code rest} (core's {@code CatalogType}). */
  public static final String CATALOG_TYPE = "--catalog-type";
  public static final String CATALOG_TYPE_DEFAULT = "jdbc";
  /** REST only: the path prefix of the catalog on its server; without it the server's own (its /v1/config). */
  public static final String CATALOG_PREFIX = "--catalog-prefix";
  /** REST only: the OAuth2 token endpoint when it is not the catalog's own. */
  public static final String CATALOG_OAUTH2_SERVER_URI = "--catalog-oauth2-server-uri";
  /** REST only: an extra HTTP header on every catalog request, {@code Name=value}; repeatable. */
  public static final String CATALOG_HEADER = "--catalog-header";
  /**
   * REST only, a flag ({@code =true|false} accepted): ask the server for per-table storage credentials instead of
   * using keys of the job's own; off when absent.
   */
  public static final String CATALOG_VENDED_CREDENTIALS = "--catalog-vended-credentials";
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
  /** REST: OAuth2 client credentials {@code client_id:client_secret}, or a bearer token (one of the two). */
  public static final String CATALOG_CREDENTIAL_ENV = "USERFLOW_CATALOG_CREDENTIAL";
  public static final String CATALOG_TOKEN_ENV = "USERFLOW_CATALOG_TOKEN";

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
  /** In AUTO, a run rebuilds fully when new records exceed this share of its source table. */
  public static final double FULL_REBUILD_SHARE_DEFAULT = 0.5;

  // Gold
  /**
   * The pipeline's declared feature groups (docs/FEATURES.md) as YAML or JSON text ({@code groups: [...]}); absent:
   * the default tables only.
   */
  public static final String FEATURE_GROUPS = "--feature-groups";

  // Silver
  public static final String SESSION_GAP_MINUTES = "--session-gap-minutes";
  public static final int SESSION_GAP_MINUTES_DEFAULT = 30;
  public static final String REJECT_RATIO_THRESHOLD = "--reject-ratio-threshold";
  /** Silver's gate publishes nothing when rejects exceed this share of the records read. */
  public static final double REJECT_RATIO_THRESHOLD_DEFAULT = 0.2;
  public static final String MAX_EVENT_AGE_DAYS = "--max-event-age-days";
  public static final int MAX_EVENT_AGE_DAYS_DEFAULT = 365;
  public static final String EVENT_TIME_FLOOR = "--event-time-floor";
  public static final String EVENT_TIME_FLOOR_DEFAULT = "2000-01-01T00:00:00Z";
  public static final String MAX_FUTURE_SKEW_MINUTES = "--max-future-skew-minutes";
  public static final int MAX_FUTURE_SKEW_MINUTES_DEFAULT = 5;
  public static final String MAX_PRICE = "--max-price";
  public static final String MAX_PRICE_DEFAULT = "1000000";
  public static final String MAX_QUANTITY = "--max-quantity";
  public static final int MAX_QUANTITY_DEFAULT = 10_000;
  public static final String MAX_RECORD_BYTES = "--max-record-bytes";
  public static final int MAX_RECORD_BYTES_DEFAULT = 65_536;
  public static final String MAX_ID_LENGTH = "--max-id-length";
  public static final int MAX_ID_LENGTH_DEFAULT = 128;
  public static final String MAX_TEXT_LENGTH = "--max-text-length";
  public static final int MAX_TEXT_LENGTH_DEFAULT = 2_048;
  /** The pipeline's event declaration as JSON ({@code EventDeclaration.toJson()}); absent: today's contract. */
  public static final String EVENTS = "--events";

  // Maintenance
  public static final String MIN_INPUT_FILES = "--min-input-files";
  /** Iceberg's own default for the files a partition needs before it is rewritten. */
  public static final int MIN_INPUT_FILES_DEFAULT = SizeBasedFileRewritePlanner.MIN_INPUT_FILES_DEFAULT;
  public static final String RETAIN_LAST = "--retain-last";
  /** Comma-separated tables of feature groups no longer declared, dropped with their files ({@code TableDrops}). */
  public static final String DROP_TABLES = "--drop-tables";
  public static final int RETAIN_LAST_DEFAULT = 1;
  public static final String RETENTION_HOURS = "--retention-hours";
  /** Iceberg's own default snapshot age ({@code history.expire.max-snapshot-age-ms}). */
  public static final long RETENTION_HOURS_DEFAULT = 120;
  public static final String MAX_UNREQUESTED_SHRINK = "--max-unrequested-shrink";
  /** A FULL run nobody asked for may remove at most this share of Silver's rows before its gate holds it. */
  public static final double MAX_UNREQUESTED_SHRINK_DEFAULT = 0.5;
  public static final String AUDIT_BRANCH_RETENTION_HOURS = "--audit-branch-retention-hours";
  /** How long a leftover audit branch (a refused run's candidate and verdict) is kept for inspection. */
  public static final long AUDIT_BRANCH_RETENTION_HOURS_DEFAULT = 72;

  // Training sets
  public static final String ENTITIES = "--entities";
  public static final String ENTITY_COLUMN = "--entity-column";
  public static final String ENTITY_COLUMN_DEFAULT = "user_id";
  public static final String TIMESTAMP_COLUMN = "--timestamp-column";
  public static final String TIMESTAMP_COLUMN_DEFAULT = "timestamp";
  /** Comma-separated {@code TABLE.FEATURE} or {@code TABLE.*}. */
  public static final String FEATURES = "--features";
  public static final String OUT = "--out";
  /** A flag: also leave out what was committed after each label's time. */
  public static final String AS_KNOWN_AT = "--as-known-at";
  /** {@code TABLE=ID}, comma-separated: the snapshot each table is read as of. */
  public static final String SNAPSHOT = "--snapshot";

  private JobOptions() {}
}
