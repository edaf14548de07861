package io.userflow.local.status;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.DefinitionChange;
import io.userflow.core.features.DefinitionVersions;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.StagePlanning;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import io.userflow.jobs.bronze.KafkaOffsets;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per layer: current snapshot, what its lineage says it processed, what is pending, and what core's planner would
 * choose next with the stages' defaults (the same inputs SilverStage and GoldStage plan from). Pure: the caller
 * reads the tables and Kafka.
 *
 * @param layout the pipeline's tables
 * @param layers Bronze, Silver, Silver rejects, Gold daily, Gold rolling
 */
public record PipelineStatus(TableLayout layout, List<LayerStatus> layers) {
  /**
   * One table's metadata.
   *
   * @param name table name
   * @param history its snapshots (none when the table is missing)
   */
  public record TableFacts(String name, SourceHistory history) {
    public static TableFacts missing(String name) {
      return new TableFacts(name, new SourceHistory(name, null, List.of()));
    }

    /** What its snapshot summaries say it processed, by the stages' rule. */
    public TargetState lineage() {
      return StagePlanning.lineage(history);
    }
  }

  /**
   * The Kafka side of Bronze.
   *
   * @param topic topic Bronze reads
   * @param endOffsets end offsets per partition, null when no broker could be asked
   * @param note where they were read, or why not
   */
  public record Kafka(String topic, Map<Integer, Long> endOffsets, String note) {}

  /**
   * @param declared the pipeline's declared feature groups
   * @param declaredTables their tables' facts, in the groups' order
   */
  public static PipelineStatus of(TableLayout layout, TableFacts bronze, TableFacts silver, TableFacts rejects,
      TableFacts goldDaily, TableFacts goldRolling, Kafka kafka, DeclaredGroups declared,
      List<TableFacts> declaredTables) {
    RunPlan silverPlan = StagePlanning.silver(bronze.history(), silver.history(),
        PlanRequest.auto(SilverStage.TRANSFORM_VERSION), declared.events());
    List<DefinitionChange> definitions = DefinitionVersions.changes(declared, name -> declaredTables.stream()
        .filter(f -> f.name().equals(name)).findFirst().map(TableFacts::history));
    RunPlan goldPlan = StagePlanning.gold(silver.history(), layout.goldLineage(goldDaily, goldRolling).history(),
        PlanRequest.auto(GoldStage.TRANSFORM_VERSION), definitions);
    String goldNote = "the Gold stage's plan (lineage in " + layout.goldLineageTable() + ")";
    List<LayerStatus> layers = new ArrayList<>(List.of(
        bronze(bronze, kafka),
        planned("Silver", silver, bronze, silverPlan, "the Silver stage's plan"),
        planned("Silver rejects", rejects, bronze, silverPlan, "written by the Silver stage: its plan"),
        planned("Gold daily", goldDaily, silver, goldPlan, goldNote),
        planned("Gold rolling", goldRolling, silver, goldPlan, goldNote)));
    for (int i = 0; i < declaredTables.size(); i++) {
      DefinitionChange change = definitions.get(i);
      // written by the Gold stage, whose lineage says what it processed: a run with no changed dates leaves the
      // table without a commit of its own
      layers.add(planned("Feature group", declaredTables.get(i), layout.goldLineage(goldDaily, goldRolling), silver,
          goldPlan,
          "written by the Gold stage; " + definitionNote(change)));
    }
    return new PipelineStatus(layout, List.copyOf(layers));
  }

  private static String definitionNote(DefinitionChange change) {
    return switch (change.kind()) {
      case NEW -> "its definition is new, so the next Gold run builds it in full";
      case CHANGED -> "its definition changed (" + change.detail() + "), so the next Gold run rebuilds it in full";
      case UNCHANGED -> "its definition is unchanged, so it follows the stage's plan";
    };
  }

  private static LayerStatus planned(String layer, TableFacts target, TableFacts source, RunPlan next, String note) {
    return planned(layer, target, target, source, next, note);
  }

  /** A table whose stage records what it processed in {@code lineage}. */
  private static LayerStatus planned(String layer, TableFacts target, TableFacts lineage, TableFacts source,
      RunPlan next, String note) {
    Long processed = lineage.lineage().lastProcessedSourceSnapshotId();
    List<SnapshotFact> pending = StagePlanning.pending(source.history(), lineage.history());
    Long processedAt = processed == null ? null
        : source.history().snapshot(processed).map(SnapshotFact::timestampMillis).orElse(null);
    return new LayerStatus(layer, target.name(), target.history().current().orElse(null),
        target.history().currentAncestry().size(), source.name(), processed == null ? null : Long.toString(processed),
        processedAt, pending.size(), pending.stream().mapToLong(SnapshotFact::addedRecords).sum(), null, next, note);
  }

  private static LayerStatus bronze(TableFacts bronze, Kafka kafka) {
    // a micro-batch records only the partitions it read, so what Bronze holds is the maximum over its commits
    List<SnapshotFact> commits = bronze.history().currentAncestry().stream()
        .filter(s -> s.summary().containsKey(LineageKeys.KAFKA_OFFSETS)).toList();
    KafkaOffsets committed = commits.stream().map(s -> KafkaOffsets.parse(s.summary().get(LineageKeys.KAFKA_OFFSETS)))
        .reduce(KafkaOffsets.empty(), KafkaOffsets::merge);
    String processed = commits.isEmpty() ? null
        : committed.format() + " (last batch " + commits.get(0).summary().get(LineageKeys.BATCH_ID) + ")";
    Long pending = null;
    if (kafka.endOffsets() != null) {
      Map<Integer, Long> done = committed.forTopic(kafka.topic());
      pending = kafka.endOffsets().entrySet().stream()
          .mapToLong(e -> Math.max(0, e.getValue() - done.getOrDefault(e.getKey(), 0L))).sum();
    }
    String next = pending == null ? "./userflow bronze streams what Kafka holds beyond the processed offsets"
        : pending == 0 ? "nothing new in Kafka; ./userflow bronze would commit nothing"
        : "./userflow bronze streams the " + pending + " pending records from its checkpoint";
    return new LayerStatus("Bronze", bronze.name(), bronze.history().current().orElse(null),
        bronze.history().currentAncestry().size(), "Kafka topic " + kafka.topic(), processed, null, null, pending,
        kafka.note(), null, next);
  }
}
