package io.userflow.operator.decide;

import io.userflow.core.contract.GateVerdict;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import io.userflow.operator.api.spec.Stage;
import java.util.Optional;

/** Plans, lineage and gate verdicts for the stages of one Reprocess, read when the state machine asks for them. */
public interface StagePlans {
  /** A fresh plan for a {@link Stage#planned() planned} stage from the current table metadata. */
  RunPlan plan(Stage stage);

  /** What the stage's target table says about the last run that wrote it. */
  TargetState lineage(Stage stage);

  /** A table of the pipeline's namespace by name; empty when it does not exist or has no snapshot. */
  Optional<SourceHistory> table(String name);

  /** The quality gate's refusal recorded on the audit branch of Silver run {@code runId}, if it refused. */
  Optional<GateVerdict> gateRefusal(String runId);
}
