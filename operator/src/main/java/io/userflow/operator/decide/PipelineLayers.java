package io.userflow.operator.decide;

import io.userflow.core.features.DefinitionVersions;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.api.status.FeaturePipelineStatus;
import io.userflow.operator.api.status.LayerStatus;
import io.userflow.operator.api.status.LayersStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Copies table facts into a FeaturePipeline status: per-layer snapshots, lineage, freshness and lag. Pure. */
public final class PipelineLayers {

  /**
   * The histories of one pipeline's tables.
   *
   * @param bronze Bronze
   * @param silver Silver
   * @param rejects Silver rejects
   * @param goldDaily Gold daily
   * @param goldRolling Gold rolling
   * @param goldLineage the one of the two Gold tables that holds Gold's lineage ({@code TableLayout#goldLineageTable})
   * @param declared the declared feature groups' tables, in definition order
   */
  public record Histories(SourceHistory bronze, SourceHistory silver, SourceHistory rejects,
      SourceHistory goldDaily, SourceHistory goldRolling, SourceHistory goldLineage, List<SourceHistory> declared) {
    public Histories {
      declared = List.copyOf(declared);
    }

    public Histories(SourceHistory bronze, SourceHistory silver, SourceHistory rejects, SourceHistory goldDaily,
        SourceHistory goldRolling, SourceHistory goldLineage) {
      this(bronze, silver, rejects, goldDaily, goldRolling, goldLineage, List.of());
    }

    /** These histories with the declared groups' tables. */
    public Histories withDeclared(List<SourceHistory> tables) {
      return new Histories(bronze, silver, rejects, goldDaily, goldRolling, goldLineage, tables);
    }

    /** The histories of {@code layout}'s tables, Gold's lineage picked by core's rule. */
    public static Histories of(TableLayout layout, SourceHistory bronze, SourceHistory silver, SourceHistory rejects,
        SourceHistory goldDaily, SourceHistory goldRolling) {
      return new Histories(bronze, silver, rejects, goldDaily, goldRolling,
          layout.goldLineage(goldDaily, goldRolling));
    }
  }

  private PipelineLayers() {}

  public static void apply(FeaturePipelineStatus status, Histories h) {
    LayersStatus layers = new LayersStatus();
    layers.bronze = layer(h.bronze());
    layers.silver = layer(h.silver());
    layers.rejects = layer(h.rejects());
    layers.goldDaily = layer(h.goldDaily());
    layers.goldRolling = layer(h.goldRolling());
    layers.declared = h.declared().isEmpty() ? null : h.declared().stream().map(PipelineLayers::layer).toList();
    status.layers = layers;
    status.silverLagSnapshots = StagePlanning.lag(h.bronze(), h.silver());
    status.goldLagSnapshots = StagePlanning.lag(h.silver(), h.goldLineage());
    if (status.streaming != null) {
      Optional<SnapshotFact> commit = h.bronze().currentAncestry().stream()
          .filter(s -> s.summary().containsKey(LineageKeys.BATCH_ID)).findFirst();
      status.streaming.lastCommittedBronzeSnapshotId = commit.map(SnapshotFact::snapshotId).orElse(null);
      status.streaming.lastBatchId = commit.map(s -> s.summary().get(LineageKeys.BATCH_ID)).orElse(null);
      status.streaming.kafkaOffsets = commit.map(s -> s.summary().get(LineageKeys.KAFKA_OFFSETS)).orElse(null);
    }
  }

  static LayerStatus layer(SourceHistory history) {
    LayerStatus layer = new LayerStatus();
    layer.table = history.table();
    layer.currentSnapshotId = history.currentSnapshotId();
    TargetState lineage = StagePlanning.lineage(history);
    layer.lastSourceSnapshotId = lineage.lastProcessedSourceSnapshotId();
    layer.transformVersion = lineage.transformVersion();
    layer.lastCommitTime = history.current()
        .map(s -> Instant.ofEpochMilli(s.timestampMillis()).toString()).orElse(null);
    layer.definitionHash = DefinitionVersions.recorded(history)
        .map(s -> s.summary().get(LineageKeys.DEFINITION_HASH)).orElse(null);
    return layer;
  }
}
