package io.userflow.operator.plan;

import io.userflow.core.iceberg.CatalogSettings;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.iceberg.TableMetadataService;
import java.util.function.Supplier;

/**
 * {@link StagePlans} over a {@link TableMetadataService}. Lazy: the catalog settings (which may read a Secret) and
 * the tables are read only when the state machine asks a question.
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

  @Override
  public RunPlan plan(Stage stage) {
    var request = StagePlanning.request(reprocess, pipeline);
    return stage == Stage.Silver
        ? StagePlanning.silver(read(pipeline.tables.bronze), read(pipeline.tables.silver), request)
        : StagePlanning.gold(read(pipeline.tables.silver), read(lineageTable(Stage.Gold)), request);
  }

  @Override
  public TargetState lineage(Stage stage) {
    return Lineage.targetState(read(lineageTable(stage)));
  }

  /** The table holding a stage's lineage, by core's rule (the one the jobs plan from). */
  private String lineageTable(Stage stage) {
    TableLayout layout = Layouts.of(pipeline);
    return stage == Stage.Silver ? layout.silverLineageTable() : layout.goldLineageTable();
  }

  private SourceHistory read(String table) {
    return metadata.history(catalog.get(), pipeline.tables.namespace, table);
  }
}
