package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the operator last read from one table's snapshot metadata. */
public class LayerStatus {
  /** Namespace-qualified table name. */
  @JsonPropertyDescription("Namespace-qualified table name.")
  public String table;

  /** Current snapshot of the main branch; absent while the table is empty or missing. */
  @JsonPropertyDescription("Current snapshot id of the main branch; absent while the table has no snapshot.")
  public Long currentSnapshotId;

  /** Last source snapshot this table's lineage says was processed (userflow.source-snapshot-id). */
  @JsonPropertyDescription("Last source snapshot processed into this table, from the snapshot-summary lineage.")
  public Long lastSourceSnapshotId;

  /** Transform version of the last commit with lineage. */
  @JsonPropertyDescription("Transform version recorded by the last commit with lineage.")
  public String transformVersion;

  /** Commit time of the current snapshot (freshness), RFC 3339. */
  @JsonPropertyDescription("Commit time of the current snapshot (freshness), RFC 3339.")
  public String lastCommitTime;
}
