package io.userflow.operator.api.spec;

/** Field patterns shared by the CRD schema (through {@code @Pattern}) and the operator's own validation. */
public final class Patterns {
  /** Iceberg identifiers; equal to core's TableLayout.IDENTIFIER. */
  public static final String IDENTIFIER = "^[a-z_][a-z0-9_]{0,63}$";
  /** Kubernetes object names (DNS-1123 subdomain, one label). */
  public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
  /** Length of a Reprocess's status.planHash (hex). */
  public static final int PLAN_HASH_LENGTH = 12;
  /** A Reprocess's status.planHash, as a ReprocessApproval names it. */
  public static final String PLAN_HASH = "^[0-9a-f]{" + PLAN_HASH_LENGTH + "}$";
  /** Secret data keys. */
  public static final String SECRET_KEY = "^[-._a-zA-Z0-9]{1,253}$";
  /** host:port[,host:port...]. */
  public static final String BOOTSTRAP_SERVERS = "^[A-Za-z0-9._-]+:[0-9]{1,5}(,[A-Za-z0-9._-]+:[0-9]{1,5})*$";
  /** Kafka topic names. */
  public static final String TOPIC = "^[A-Za-z0-9._-]{1,249}$";
  /** Where a new streaming query starts reading. */
  public static final String STARTING_OFFSETS = "^(earliest|latest)$";
  /** JDBC URIs of the supported catalog databases, without quotes, spaces or semicolons. */
  public static final String JDBC_URI = "^jdbc:(postgresql|sqlite):[^\\s'\";]+$";
  /** http(s) URIs with a path (a REST catalog, an OAuth2 token endpoint), without quotes, spaces or semicolons. */
  public static final String HTTP_URI = "^https?://[^\\s'\";]+$";
  /** A catalog's URI: {@link #JDBC_URI} for type jdbc, {@link #HTTP_URI} for type rest (the CEL rules say which). */
  public static final String CATALOG_URI = "^(jdbc:(postgresql|sqlite):|https?://)[^\\s'\";]+$";
  /** A REST catalog's path prefix ({@code /v1/{prefix}/...}). */
  public static final String CATALOG_PREFIX = "^[A-Za-z0-9][A-Za-z0-9._~/-]{0,254}$";
  /** HTTP header names. */
  public static final String HTTP_HEADER_NAME = "^[A-Za-z0-9-]{1,128}$";
  /** A warehouse: a storage URI, or for a REST catalog also a name the server knows (Polaris' catalog name). */
  public static final String WAREHOUSE = "^([a-z][a-z0-9+.-]*:/[^\\s'\";]*|[A-Za-z0-9][A-Za-z0-9._-]{0,254})$";
  /** Storage URIs (s3a://, file:/, ...), without quotes, spaces or semicolons. */
  public static final String STORAGE_URI = "^[a-z][a-z0-9+.-]*:/[^\\s'\";]*$";
  /** A training set's output: a storage URI or path whose name ends in .parquet, .csv or .jsonl. */
  public static final String TRAINING_OUTPUT = "^[^\\s'\";]+\\.(parquet|csv|jsonl)$";
  /** A training set's feature: TABLE.FEATURE or TABLE.* with Iceberg identifiers. */
  public static final String FEATURE_REF = "^[a-z_][a-z0-9_]{0,63}\\.([a-z_][a-z0-9_]{0,63}|\\*)$";
  /** http(s) endpoints with a host and an optional port, nothing after. */
  public static final String HTTP_ENDPOINT = "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$";
  /** Cloud region names such as us-east-1. */
  public static final String REGION = "^[a-z0-9-]{1,32}$";
  /** Container image references. */
  public static final String IMAGE = "^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$";
  /** Transform versions: a short label. */
  public static final String TRANSFORM_VERSION = "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$";
  /** Spark micro-batch trigger intervals such as 10s, 500ms, 1m. */
  public static final String TRIGGER_INTERVAL = "^[1-9][0-9]{0,5}(ms|s|m|h)$";
  /** Spark memory sizes such as 512m or 2g. */
  public static final String MEMORY = "^[1-9][0-9]{0,5}[kmgt]$";
  /** A Kubernetes CPU quantity a pod requests: whole or decimal cores, or millicores (500m). */
  public static final String CPU_REQUEST = "^([1-9][0-9]{0,5}m|[0-9]{1,3}(\\.[0-9]{1,3})?)$";
  /** Spark versions such as 4.1.1. */
  public static final String SPARK_VERSION = "^[0-9]+\\.[0-9]+\\.[0-9]+$";
  /** ISO dates (UTC event dates). */
  public static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

  /** UTC instants such as 2015-01-01T00:00:00Z. */
  public static final String INSTANT = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$";
  /** Non-negative decimals with up to 14 integer digits and 4 decimals (Silver's DECIMAL(18, 4)). */
  public static final String PRICE = "^[0-9]{1,14}(\\.[0-9]{1,4})?$";

  private Patterns() {}
}
