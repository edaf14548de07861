package io.userflow.operator.decide;

import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.spec.ReprocessHistorySpec;
import io.userflow.operator.api.status.ReprocessPhase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which finished Reprocesses of one pipeline are past its history limits: the newest (creation time, then name)
 * Succeeded/Skipped and Failed ones are kept up to their limits, the rest are deleted. Unfinished ones are never
 * touched. Pure.
 */
public final class ReprocessHistory {
  private static final Comparator<Reprocess> NEWEST_FIRST = Comparator
      .comparing((Reprocess r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
      .thenComparing(r -> r.getMetadata().getName()).reversed();

  private ReprocessHistory() {}

  /** Names of the Reprocesses in {@code ofPipeline} (one pipeline's) to delete under {@code limits}. */
  public static List<String> expired(ReprocessHistorySpec limits, Collection<Reprocess> ofPipeline) {
    ReprocessHistorySpec l = limits == null ? new ReprocessHistorySpec() : limits;
    List<String> out = new ArrayList<>();
    out.addAll(beyond(l.successfulLimit, ofPipeline, true));
    out.addAll(beyond(l.failedLimit, ofPipeline, false));
    return out;
  }

  private static List<String> beyond(int limit, Collection<Reprocess> all, boolean successful) {
    return all.stream().filter(r -> finished(r, successful)).sorted(NEWEST_FIRST).skip(limit)
        .map(r -> r.getMetadata().getName()).toList();
  }

  private static boolean finished(Reprocess r, boolean successful) {
    ReprocessPhase phase = r.getStatus() == null ? null : r.getStatus().phase;
    return successful ? phase == ReprocessPhase.Succeeded || phase == ReprocessPhase.Skipped
        : phase == ReprocessPhase.Failed;
  }
}
