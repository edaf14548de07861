package io.userflow.operator.api.spec;

/** Batch stages a Reprocess can run, in run order. */
public enum Stage {
  Silver,
  Gold;

  /** Lower-case name used in child names, labels and snapshot summaries. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
