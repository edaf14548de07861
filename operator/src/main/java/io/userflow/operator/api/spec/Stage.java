package io.userflow.operator.api.spec;

/** Batch stages a Reprocess can run, in run order. */
public enum Stage {
  Silver,
  Gold,
  /** Compaction and snapshot expiry of the pipeline's tables; runs last and has no plan of its own. */
  Maintenance;

  /** Whether the stage runs by an Iceberg plan (NOOP, INCREMENTAL or FULL); Maintenance just runs. */
  public boolean planned() {
    return this != Maintenance;
  }

  /** Lower-case name used in child names, labels and snapshot summaries. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
