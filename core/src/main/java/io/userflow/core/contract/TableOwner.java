package io.userflow.core.contract;

import java.util.Map;
import java.util.Optional;

/**
 * The FeaturePipeline a table belongs to. The first run of a pipeline stamps it on each table it opens (table
 * properties {@link #NAMESPACE_PROPERTY}, {@link #NAME_PROPERTY}, {@link #UID_PROPERTY}); a run for another pipeline
 * then refuses the table instead of appending to it or racing on it. The owner is the pipeline's namespace and name:
 * a pipeline deleted and created again under the same name continues on its tables (the uid only records which
 * object created them). Runs without an owner (the local commands) neither stamp nor check.
 *
 * @param namespace the FeaturePipeline's Kubernetes namespace
 * @param name the FeaturePipeline's name
 * @param uid the FeaturePipeline's uid, for the record
 */
public record TableOwner(String namespace, String name, String uid) {
  public static final String NAMESPACE_PROPERTY = "userflow.owner.namespace";
  public static final String NAME_PROPERTY = "userflow.owner.name";
  public static final String UID_PROPERTY = "userflow.owner.uid";
  /** The Spark configuration key the operator sets on every SparkApplication of a pipeline: {@link #format()}. */
  public static final String SPARK_CONF = "spark.userflow.owner";

  public TableOwner {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank() || uid == null
        || namespace.contains("/") || name.contains("/")) {
      throw new IllegalArgumentException("an owner is NAMESPACE/NAME/UID with a namespace and a name, got "
          + namespace + "/" + name + "/" + uid);
    }
  }

  /** Parses {@link #format()}: {@code namespace/name/uid}. */
  public static TableOwner parse(String value) {
    String[] parts = value == null ? new String[0] : value.split("/", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(SPARK_CONF + " must be NAMESPACE/NAME/UID, got: " + value);
    }
    return new TableOwner(parts[0], parts[1], parts[2]);
  }

  public String format() {
    return namespace + "/" + name + "/" + uid;
  }

  /** The properties that stamp a table with this owner. */
  public Map<String, String> properties() {
    return Map.of(NAMESPACE_PROPERTY, namespace, NAME_PROPERTY, name, UID_PROPERTY, uid);
  }

  /** The owner stamped in {@code properties}, if any. */
  public static Optional<TableOwner> of(Map<String, String> properties) {
    String ns = properties.get(NAMESPACE_PROPERTY);
    String name = properties.get(NAME_PROPERTY);
    return ns == null || name == null ? Optional.empty()
        : Optional.of(new TableOwner(ns, name, properties.getOrDefault(UID_PROPERTY, "")));
  }

  /** True when both name the same pipeline (namespace and name; the uid is not compared). */
  public boolean samePipeline(TableOwner other) {
    return namespace.equals(other.namespace) && name.equals(other.name);
  }

  /** Why a run for this owner may not use {@code table}, whose properties are {@code properties}; empty if it may. */
  public Optional<String> refusal(String table, Map<String, String> properties) {
    return of(properties).filter(o -> !samePipeline(o)).map(o -> "Table " + table + " belongs to FeaturePipeline "
        + o.namespace + "/" + o.name + " (uid " + o.uid + "), not to " + namespace + "/" + name + ". A table belongs "
        + "to one pipeline: give this pipeline tables of its own (spec.tables), or delete the other pipeline and "
        + "remove the table properties " + NAMESPACE_PROPERTY + " and " + NAME_PROPERTY + " to hand the table over.");
  }
}
