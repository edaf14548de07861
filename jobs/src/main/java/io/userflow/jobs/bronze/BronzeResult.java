package io.userflow.jobs.bronze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a Bronze run did; printed as one JSON object.
 *
 * @param table Bronze table (Spark name)
 * @param topic topic read
 * @param queryId streaming query id (stable across restarts from one checkpoint)
 * @param runId run id written to lineage
 * @param batchesCommitted micro-batches this run appended
 * @param batchesSkipped replayed micro-batches found already committed (after a crash) and skipped
 * @param snapshotIds snapshots this run committed, oldest first
 * @param rowsWritten rows this run appended
 * @param endOffsets end offsets of the topic the stream had reached when the run ended
 * @param elapsedMillis wall time of the run, table creation included
 */
public record BronzeResult(
    String table,
    String topic,
    String queryId,
    String runId,
    int batchesCommitted,
    int batchesSkipped,
    List<Long> snapshotIds,
    long rowsWritten,
    KafkaOffsets endOffsets,
    long elapsedMillis) {

  public BronzeResult {
    snapshotIds = List.copyOf(snapshotIds);
  }

  public String toJson() {
    try {
      return new ObjectMapper().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
