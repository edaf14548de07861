package io.userflow.operator.validate;

import io.userflow.operator.api.spec.Patterns;
import io.userflow.operator.api.spec.TrainingSetSpec;
import java.util.List;

/** Checks a TrainingSet spec on its own; what needs the pipeline and its tables is checked by TrainingSetProgress. */
public final class TrainingSetValidator {
  private TrainingSetValidator() {}

  public static List<String> validate(TrainingSetSpec spec) {
    return Problems.of(spec, TrainingSetValidator::rules);
  }

  private static void rules(Problems p, TrainingSetSpec spec) {
    p.match("spec.pipelineRef", spec.pipelineRef, Patterns.OBJECT_NAME);
    p.match("spec.entities", spec.entities, Patterns.STORAGE_URI);
    p.match("spec.entityColumn", spec.entityColumn, Patterns.IDENTIFIER);
    p.match("spec.timestampColumn", spec.timestampColumn, Patterns.IDENTIFIER);
    p.match("spec.output", spec.output, Patterns.TRAINING_OUTPUT);
    if (p.require("spec.features", spec.features)) {
      if (spec.features.isEmpty()) {
        p.add("spec.features must name at least one feature, TABLE.FEATURE or TABLE.*");
      }
      for (int i = 0; i < spec.features.size(); i++) {
        p.match("spec.features[" + i + "]", spec.features.get(i), Patterns.FEATURE_REF);
      }
    }
    if (spec.snapshots != null) {
      spec.snapshots.forEach((table, id) -> {
        if (id == null) {
          p.add("spec.snapshots." + table + " needs a snapshot id");
        }
      });
    }
  }
}
