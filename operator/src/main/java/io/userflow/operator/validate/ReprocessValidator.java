package io.userflow.operator.validate;

import io.userflow.core.planner.DateRange;
import io.userflow.operator.api.spec.Patterns;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;

/** Checks a Reprocess spec; the date range goes through core's DateRange so its limits hold here too. */
public final class ReprocessValidator {
  private ReprocessValidator() {}

  public static List<String> validate(ReprocessSpec spec) {
    return Problems.of(spec, ReprocessValidator::rules);
  }

  private static void rules(Problems p, ReprocessSpec spec) {
    p.match("spec.pipelineRef", spec.pipelineRef, Patterns.OBJECT_NAME);
    p.require("spec.mode", spec.mode);
    p.require("spec.approval", spec.approval);
    p.range("spec.retryLimit", spec.retryLimit, 0, 10);
    if (p.require("spec.stages", spec.stages)) {
      if (spec.stages.isEmpty()) {
        p.add("spec.stages must name at least one of Silver, Gold, Maintenance");
      }
      if (spec.stages.stream().anyMatch(java.util.Objects::isNull)) {
        p.add("spec.stages may only contain Silver, Gold and Maintenance");
      } else if (new HashSet<Stage>(spec.stages).size() != spec.stages.size()) {
        p.add("spec.stages names a stage twice: " + spec.stages);
      }
    }
    if (spec.range != null) {
      range(p, spec);
    }
  }

  /** The parsed range, or null when there is none; call only on a spec {@link #validate} accepted. */
  public static DateRange range(ReprocessSpec spec) {
    return spec.range == null ? null : DateRange.parse(spec.range.from, spec.range.to);
  }

  private static void range(Problems p, ReprocessSpec spec) {
    p.match("spec.range.from", spec.range.from, Patterns.DATE);
    p.match("spec.range.to", spec.range.to, Patterns.DATE);
    if (spec.mode == ReprocessMode.Incremental) {
      p.add("spec.range rebuilds whole event dates and cannot be combined with mode Incremental; use Auto or Full");
    }
    if (spec.range.from == null || spec.range.to == null) {
      return;
    }
    try {
      range(spec);
    } catch (DateTimeParseException e) {
      p.add("spec.range has an invalid date: " + e.getParsedString());
    } catch (IllegalArgumentException e) {
      p.add("spec.range: " + e.getMessage());
    }
  }
}
