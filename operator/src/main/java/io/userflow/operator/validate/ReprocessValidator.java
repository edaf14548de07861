package io.userflow.operator.validate;

import io.userflow.core.features.TableDrops;
import io.userflow.core.planner.DateRange;
import io.userflow.core.planner.SourceHistory;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.Patterns;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.api.spec.ReprocessSpec;
import io.userflow.operator.api.spec.Stage;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import io.userflow.operator.iceberg.Layouts;

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
    if (spec.dropTables != null && !spec.dropTables.isEmpty()) {
      for (int i = 0; i < spec.dropTables.size(); i++) {
        p.match("spec.dropTables[" + i + "]", spec.dropTables.get(i), Patterns.IDENTIFIER);
      }
      if (spec.stages != null && !spec.stages.contains(Stage.Maintenance)) {
        p.add(ReprocessSpec.DROP_NEEDS_MAINTENANCE);
      }
    }
  }

  /**
   * What is wrong with the tables {@code spec.dropTables} names, against the pipeline as declared now and the tables
   * as they are ({@link TableDrops}); empty when it names none.
   */
  public static List<String> dropTables(ReprocessSpec spec, FeaturePipelineSpec pipeline,
      Function<String, Optional<SourceHistory>> tables) {
    if (spec.dropTables == null || spec.dropTables.isEmpty()) {
      return List.of();
    }
    return TableDrops.refusals(spec.dropTables, Layouts.of(pipeline), Layouts.declared(pipeline), tables).stream()
        .map(problem -> "spec.dropTables: " + problem).toList();
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
