package io.userflow.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.StreamingStatus;
import io.userflow.operator.iceberg.TableHistory;
import org.junit.jupiter.api.Test;

class PipelineLayersTest {

  @Test
  void copiesSnapshotsLineageFreshnessLagAndStreamingRecoveryUnit() {
    FeaturePipelineStatus status = new FeaturePipelineStatus();
    status.streaming = new StreamingStatus();
    PipelineLayers.apply(status, new PipelineLayers.Histories(
        new TableHistory("events.bronze_events").batch(1, 10, 0, "t/0:10").batch(2, 10, 1, "t/0:20")
            .batch(3, 10, 2, "t/0:30").build(),
        new TableHistory("events.silver_events").lineage(20, 1, "v1", null).build(),
        TableHistory.empty("events.silver_rejects"),
        TableHistory.empty("events.user_daily_features"),
        TableHistory.empty("events.user_rolling_7d_features"),
        TableHistory.empty("events.user_rolling_7d_features"))
        .withDeclared(java.util.List.of(new TableHistory("events.shopper_daily")
            .commit(50, "overwrite", 10, java.util.Map.of(io.userflow.core.lineage.LineageKeys.DEFINITION_HASH, "h1"))
            .commit(51, "replace", 20, java.util.Map.of()).build(), TableHistory.empty("events.shopper_30d"))));
    assertThat(status.layers.bronze.currentSnapshotId).isEqualTo(3);
    assertThat(status.layers.bronze.definitionHash).isNull();
    assertThat(status.layers.declared).extracting(l -> l.table, l -> l.currentSnapshotId, l -> l.definitionHash)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("events.shopper_daily", 51L, "h1"),
            org.assertj.core.groups.Tuple.tuple("events.shopper_30d", null, null));
    assertThat(status.layers.bronze.lastCommitTime).isEqualTo(java.time.Instant.ofEpochMilli(1_790_000_120_000L).toString());
    assertThat(status.layers.silver.lastSourceSnapshotId).isEqualTo(1);
    assertThat(status.layers.silver.transformVersion).isEqualTo("v1");
    assertThat(status.layers.rejects.currentSnapshotId).isNull();
    assertThat(status.silverLagSnapshots).isEqualTo(2);
    assertThat(status.goldLagSnapshots).isEqualTo(1);
    assertThat(status.streaming.lastCommittedBronzeSnapshotId).isEqualTo(3);
    assertThat(status.streaming.lastBatchId).isEqualTo("2");
    assertThat(status.streaming.kafkaOffsets).isEqualTo("t/0:30");
  }
}
