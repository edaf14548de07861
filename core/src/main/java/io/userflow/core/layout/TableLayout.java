package io.userflow.core.layout;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a pipeline's tables live: one Iceberg catalog, one namespace, one table per layer.
 * Every name is validated as a plain identifier so it can be embedded in SQL without quoting tricks.
 *
 * @param catalog Spark/Iceberg catalog name (Trino's {@code iceberg.jdbc-catalog.catalog-name} must equal it)
 * @param namespace namespace (database) of all tables
 * @param bronze raw events as received from Kafka
 * @param silver parsed, validated, deduplicated and sessionized events
 * @param rejects Silver rejects with a reason code
 * @param goldDaily per (user_id, feature_date) features
 * @param goldRolling per (user_id, as_of_date) 7-day features
 */
public record TableLayout(
    String catalog,
    String namespace,
    String bronze,
    String silver,
    String rejects,
    String goldDaily,
    String goldRolling) {

  /** Identifiers: lower-case letter or underscore first, then letters, digits, underscores; at most 64. */
  public static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,63}$");

  public static final String DEFAULT_CATALOG = "userflow";
  public static final String DEFAULT_NAMESPACE = "events";
  // the default table names: the jobs' table options and the FeaturePipeline CRD's spec.tables read these
  public static final String DEFAULT_BRONZE = "bronze_events";
  public static final String DEFAULT_SILVER = "silver_events";
  public static final String DEFAULT_REJECTS = "silver_rejects";
  public static final String DEFAULT_GOLD_DAILY = "user_daily_features";
  public static final String DEFAULT_GOLD_ROLLING = "user_rolling_7d_features";

  public TableLayout {
    for (String[] named : new String[][] {
        {"catalog", catalog}, {"namespace", namespace}, {"bronze", bronze}, {"silver", silver},
        {"rejects", rejects}, {"goldDaily", goldDaily}, {"goldRolling", goldRolling}}) {
      requireIdentifier(named[0], named[1]);
    }
  }

  /** The default layout used by the local demo and the examples. */
  public static TableLayout defaults() {
    return new TableLayout(DEFAULT_CATALOG, DEFAULT_NAMESPACE, DEFAULT_BRONZE, DEFAULT_SILVER, DEFAULT_REJECTS,
        DEFAULT_GOLD_DAILY, DEFAULT_GOLD_ROLLING);
  }

  /** Throws {@link IllegalArgumentException} naming the field if {@code value} is not an identifier. */
  public static String requireIdentifier(String field, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must match " + IDENTIFIER.pattern()
          + " (lower-case letters, digits, underscores; no dots, quotes or spaces), got: " + value);
    }
    return value;
  }

  /** The same tables in another namespace (a second pipeline, or a rebuild beside the live tables). */
  public TableLayout inNamespace(String otherNamespace) {
    return new TableLayout(catalog, otherNamespace, bronze, silver, rejects, goldDaily, goldRolling);
  }

  /** Namespace-qualified name, as Iceberg's TableIdentifier parses it: {@code namespace.table}. */
  public String qualified(String table) {
    return namespace + "." + table;
  }

  /** Catalog-qualified name for Spark SQL: {@code catalog.namespace.table}. */
  public String sparkName(String table) {
    return catalog + "." + namespace + "." + table;
  }

  /**
   * The table whose snapshot summaries are Silver's lineage (what it processed last): Silver itself, published
   * after the rejects, so a crash between the two publishes replans the run.
   */
  public String silverLineageTable() {
    return silver;
  }

  /**
   * The table whose snapshot summaries are Gold's lineage: the rolling table, committed after the daily one, so a
   * crash between the two commits replans both. The Gold job and the operator's planner and lag read this one.
   */
  public String goldLineageTable() {
    return goldRolling;
  }

  /** Of the two Gold tables' handles (tables, histories), the one {@link #goldLineageTable()} names. */
  public <T> T goldLineage(T daily, T rolling) {
    return goldLineageTable().equals(goldRolling) ? rolling : daily;
  }

  public List<String> allTables() {
    return List.of(bronze, silver, rejects, goldDaily, goldRolling);
  }
}
