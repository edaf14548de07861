package io.userflow.bench;

import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SnapshotPlanner;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.TargetState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Planner time against history length: a linear history of N append snapshots with the last processed one N/2
 * back (the worst ordinary case: half the history is walked and summed). Pure, so it measures the planner alone.
 */
public final class PlannerBench {
  private PlannerBench() {}

  static SourceHistory history(int snapshots) {
    List<SnapshotFact> facts = new ArrayList<>(snapshots);
    for (int i = 1; i <= snapshots; i++) {
      facts.add(new SnapshotFact(i, i == 1 ? null : (long) i - 1, i, "append", 100, 1, 4096, 100L * i, i, 4096L * i,
          Map.of("userflow.stage", "bronze")));
    }
    return new SourceHistory("bronze_events", (long) snapshots, facts);
  }

  /** Median microseconds per plan() for each history size. */
  public static Map<Integer, Double> run(int[] sizes, Progress progress) {
    Map<Integer, Double> out = new LinkedHashMap<>();
    SnapshotPlanner planner = new SnapshotPlanner();
    for (int n : sizes) {
      SourceHistory h = history(n);
      TargetState target = new TargetState((long) n / 2, "v1", 1L);
      PlanRequest request = new PlanRequest(io.userflow.core.planner.RequestedMode.INCREMENTAL, "v1", 0.5, null);
      int iterations = Math.max(20, 2_000_000 / n);
      long sink = 0;
      for (int i = 0; i < iterations; i++) { // warm-up
        sink += planner.plan(h, target, request).records();
      }
      double[] samples = new double[15];
      for (int s = 0; s < samples.length; s++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
          RunPlan p = planner.plan(h, target, request);
          sink += p.records();
        }
        samples[s] = (System.nanoTime() - t0) / 1000.0 / iterations;
      }
      java.util.Arrays.sort(samples);
      out.put(n, samples[samples.length / 2]);
      progress.say(String.format("planner: %,d snapshots -> %.1f us per plan (checksum %d)", n, samples[samples.length / 2], sink % 7));
    }
    return out;
  }
}
