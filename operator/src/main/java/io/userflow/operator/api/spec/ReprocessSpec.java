package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.userflow.core.features.TableDrops;
import java.util.ArrayList;
import java.util.List;

/**
 * Desired run of a Reprocess. Immutable once created (a CEL transition rule the API server enforces): the status,
 * the queue and the children all describe the spec that was admitted, so a different run is a new Reprocess.
 * Retry is an annotation and stays possible; an approval is a ReprocessApproval of its own.
 */
@ValidationRule(value = "self == oldSelf", message = ReprocessSpec.IMMUTABLE)
@ValidationRule(value = "!has(self.dropTables) || size(self.dropTables) == 0 || self.stages.exists(s, s == 'Maintenance')",
    message = ReprocessSpec.DROP_NEEDS_MAINTENANCE)
public class ReprocessSpec {
  /** The API server's answer to an edit of an existing Reprocess's spec. */
  public static final String IMMUTABLE = "spec is immutable once the Reprocess is created; delete it and create "
      + "a new Reprocess for a different run (approve with a ReprocessApproval, retry with the userflow.io/retry "
      + "annotation)";

  /** Tables are dropped by the Maintenance stage. */
  public static final String DROP_NEEDS_MAINTENANCE = "spec.dropTables needs the Maintenance stage in spec.stages, "
      + "which drops them";

  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the FeaturePipeline in the same namespace.")
  public String pipelineRef;

  @JsonPropertyDescription("Stages to run; Silver runs before Gold, Maintenance (compaction and snapshot expiry) "
      + "after both. Default: Silver and Gold.")
  @Size(max = 3)
  public List<Stage> stages = new ArrayList<>(List.of(Stage.Silver, Stage.Gold));

  @Size(max = TableDrops.MAX)
  @JsonPropertyDescription("Tables of feature groups the pipeline no longer declares, dropped with their files by the "
      + "Maintenance stage. A removed group's table is otherwise left as it is; the pipeline's own tables and the "
      + "tables of groups it still declares are refused.")
  public List<String> dropTables = new ArrayList<>();

  @Default("Auto")
  @JsonPropertyDescription("Auto lets the planner choose; Incremental prefers the delta; Full rebuilds everything.")
  public ReprocessMode mode = ReprocessMode.Auto;

  @JsonPropertyDescription("Optional inclusive event-date range to rebuild (a backfill).")
  public DateRangeSpec range;

  @Default("Automatic")
  @JsonPropertyDescription("Manual shows the plan first and runs it after a ReprocessApproval names its hash "
      + "(status.planHash); a plan that changed before it starts is shown and asked for again. The operator's "
      + "approval policy may ask for an approval of an Automatic Reprocess too (FULL plans, long ranges).")
  public Approval approval = Approval.Automatic;

  @Default("2")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("How many times a failed stage is retried before the Reprocess fails.")
  public int retryLimit = 2;

  @JsonPropertyDescription("How long an approval, an UNKNOWN application and a phase may take before the Reprocess "
      + "fails and frees the pipeline's queue.")
  public DeadlinesSpec deadlines = new DeadlinesSpec();
}
