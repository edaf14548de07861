package io.userflow.operator.iceberg;

import io.userflow.core.contract.GateVerdict;
import io.userflow.core.features.DefinitionChange;
import io.userflow.core.features.DefinitionVersions;
import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.decide.StagePlans;
import io.userflow.operator.validate.ReprocessValidator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link StagePlans} over a {@link TableMetadataService}, by core's {@link StagePlanning} (the rules the jobs run
 * by). Lazy: the catalog settings (which may read a Secret) and the tables are read only when the state machine
 * asks a question.
 */
public final class TableStagePlans implements StagePlans {
  private final TableMetadataService metadata;
  private final Supplier<CatalogSettings> catalog;
  private final FeaturePipelineSpec pipeline;
  private final ReprocessSpec reprocess;

  public TableStagePlans(TableMetadataService metadata, Supplier<CatalogSettings> catalog,
      FeaturePipelineSpec pipeline, ReprocessSpec reprocess) {
    this.metadata = metadata;
    this.catalog = catalog;
    this.pipeline = pipeline;
    this.reprocess = reprocess;
  }

  /** What a Reprocess of {@code pipeline} asks the planner for. */
  public static PlanRequest request(ReprocessSpec reprocess, FeaturePipelineSpec pipeline) {
    DateRange range = ReprocessValidator.range(reprocess);
    return new PlanRequest(reprocess.mode.requested(), pipeline.streaming.transformVersion,
        pipeline.batch.fullRebuildShare, range);
  }

  @Override
  public RunPlan plan(Stage stage) {
    PlanRequest request = request(reprocess, pipeline);
    TableLayout layout = Layouts.of(pipeline);
    if (stage == Stage.Gold && pipeline.features != null) {
      // declared groups: a new or changed one is rebuilt alone, as the Gold job plans it
      List<DefinitionChange> definitions = DefinitionVersions.changes(Layouts.declared(pipeline),
          table -> Optional.of(read(table)));
      return StagePlanning.gold(read(stage.sourceTable(layout)), read(stage.lineageTable(layout)), request, definitions);
    }
    if (stage == Stage.Silver && pipeline.events != null) {
      // a changed event declaration is a FULL with its own reason, as the Silver job plans it
      return StagePlanning.silver(read(stage.sourceTable(layout)), read(stage.lineageTable(layout)), request,
          Layouts.events(pipeline));
    }
    return stage.plan(read(stage.sourceTable(layout)), read(stage.lineageTable(layout)), request);
  }

  @Override
  public TargetState lineage(Stage stage) {
    return StagePlanning.lineage(read(stage.lineageTable(Layouts.of(pipeline))));
  }

  @Override
  public Optional<SourceHistory> table(String name) {
    SourceHistory history = read(name);
    return history.snapshots().isEmpty() ? Optional.empty() : Optional.of(history);
  }

  @Override
  public Optional<GateVerdict> gateRefusal(String runId) {
    return GateVerdict.refusal(read(pipeline.tables.silver), runId);
  }

  private SourceHistory read(String table) {
    return metadata.history(catalog.get(), pipeline.tables.namespace, table);
  }
}
