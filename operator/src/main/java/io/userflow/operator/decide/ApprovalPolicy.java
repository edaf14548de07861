package io.userflow.operator.decide;

import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import io.userflow.operator.api.status.ReprocessStatus;
import io.userflow.operator.api.status.StagePlan;
import io.userflow.operator.config.OperatorConfig;
import io.userflow.operator.validate.ReprocessValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which plans need a ReprocessApproval whatever {@code spec.approval} says: the operator's policy (chart values
 * approvalPolicy.*), so whoever creates a Reprocess cannot skip approval by writing {@code approval: Automatic}.
 * Pure.
 *
 * @param full a plan with a stage in mode FULL needs approval, unless that stage's table was never written (a first
 *     build replaces nothing)
 * @param maxDays a backfill whose spec.range covers more days than this needs approval; 0 turns the rule off
 */
public record ApprovalPolicy(boolean full, int maxDays) {
  public static ApprovalPolicy of(OperatorConfig config) {
    return new ApprovalPolicy(config.approval().full(), config.approval().maxDays());
  }

  /** Why the plans in {@code s} need an approval by this policy; empty when the policy does not ask for one. */
  public Optional<String> requires(ReprocessSpec spec, ReprocessStatus s) {
    List<String> why = new ArrayList<>();
    if (full) {
      for (Stage stage : spec.stages) {
        StagePlan plan = !stage.planned() || stage.run(s) == null ? null : stage.run(s).plan;
        if (plan != null && plan.mode == PlanMode.FULL && plan.reason != PlanReason.NO_PREVIOUS_RUN) {
          why.add("the " + stage + " plan is FULL (approvalPolicy.full)");
        }
      }
    }
    // called after admission, so the range is valid
    DateRange range = ReprocessValidator.range(spec);
    int days = range == null ? 0 : range.days().size();
    if (maxDays > 0 && days > maxDays) {
      why.add("spec.range covers " + days + " days, more than approvalPolicy.maxDays " + maxDays);
    }
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", why));
  }
}
