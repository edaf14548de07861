package io.userflow.local.status;

import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;

/**
 * One layer as {@code ./userflow status} shows it: the local counterpart of a layer in {@code kubectl describe fp}.
 *
 * @param layer Bronze, Silver, Silver rejects, Gold daily or Gold rolling
 * @param table table name
 * @param current the table's current snapshot, null when the table is missing or empty
 * @param snapshots snapshots in the current ancestry
 * @param source what the layer reads: a table name, or the Kafka topic for Bronze
 * @param processed what the current lineage says was processed: a source snapshot id, or Bronze's Kafka offsets
 * @param processedAt commit time of the processed source snapshot, null when unknown or for Bronze
 * @param pendingSnapshots source snapshots not processed yet, null for Bronze (Kafka has none)
 * @param pendingRecords source records not processed yet, null when unknown (Bronze without a reachable broker)
 * @param pendingNote why the pending count is unknown, or where it was read; null if nothing to say
 * @param next the plan the stage that writes this layer would make now, null for Bronze (it streams)
 * @param nextNote a sentence on what runs next when there is no plan, or which stage's plan this is
 */
public record LayerStatus(String layer, String table, SnapshotFact current, int snapshots, String source,
    String processed, Long processedAt, Integer pendingSnapshots, Long pendingRecords, String pendingNote,
    RunPlan next, String nextNote) {}
