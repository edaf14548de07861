package io.userflow.operator.plan;

import io.userflow.core.contract.GateVerdict;
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
import io.userflow.operator.iceberg.TableMetadataService;
import io.userflow.operator.model.ReprocessValidator;
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
    return switch (stage) {
      case Silver -> StagePlanning.silver(read(pipeline.tables.bronze), read(lineageTable(Stage.Silver)), request);
      case Gold -> StagePlanning.gold(read(pipeline.tables.silver), read(lineageTable(Stage.Gold)), request);
      case Maintenance -> throw unplanned(stage);
    };
  }

  @Override
  public TargetState lineage(Stage stage) {
    if (!stage.planned()) {
      throw unplanned(stage);
    }
    return StagePlanning.lineage(read(lineageTable(stage)));
  }

  @Override
  public Optional<GateVerdict> gateRefusal(String runId) {
    return GateVerdict.refusal(read(pipeline.tables.silver), runId);
  }

  /** The table holding a stage's lineage, by core's rule (the one the jobs plan from). */
  private String lineageTable(Stage stage) {
    TableLayout layout = Layouts.of(pipeline);
    return stage == Stage.Silver ? layout.silverLineageTable() : layout.goldLineageTable();
  }

  private static IllegalArgumentException unplanned(Stage stage) {
    return new IllegalArgumentException(stage + " has no plan and writes no lineage of its own");
  }

  private SourceHistory read(String table) {
    return metadata.history(catalog.get(), pipeline.tables.namespace, table);
  }
}
