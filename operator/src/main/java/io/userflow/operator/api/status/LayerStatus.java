package io.userflow.operator.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the operator last read from one table's snapshot metadata. */
public class LayerStatus {
  @JsonPropertyDescription("Namespace-qualified table name.")
  public String table;

  @JsonPropertyDescription("Current snapshot id of the main branch; absent while the table has no snapshot.")
  public Long currentSnapshotId;

  @JsonPropertyDescription("Last source snapshot processed into this table, from the snapshot-summary lineage.")
  public Long lastSourceSnapshotId;

  @JsonPropertyDescription("Transform version recorded by the last commit with lineage.")
  public String transformVersion;

  @JsonPropertyDescription("Commit time of the current snapshot (freshness), RFC 3339.")
  public String lastCommitTime;

  @JsonPropertyDescription("A declared feature group's table: the hash of the definition its newest commit was "
      + "computed by (userflow.definition-hash).")
  public String definitionHash;
}
