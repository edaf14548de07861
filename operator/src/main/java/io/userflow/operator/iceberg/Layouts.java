package io.userflow.operator.iceberg;

import io.userflow.core.layout.TableLayout;
import io.userflow.operator.api.spec.FeaturePipelineSpec;

/** A pipeline's tables as core's {@link TableLayout}, so the operator asks core's rules what the jobs ask. Pure. */
public final class Layouts {
  private Layouts() {}

  public static TableLayout of(FeaturePipelineSpec spec) {
    var t = spec.tables;
    return new TableLayout(spec.catalog.name, t.namespace, t.bronze, t.silver, t.rejects, t.goldDaily, t.goldRolling);
  }
}
