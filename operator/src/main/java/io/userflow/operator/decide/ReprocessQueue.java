package io.userflow.operator.decide;

import io.userflow.operator.api.Reprocess;
import io.userflow.operator.api.status.ReprocessPhase;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Reprocess per pipeline at a time: an active one holds the pipeline; among the waiting ones the oldest
 * (creation time, then name) goes first. Pure, so two reconciles racing reach the same answer.
 */
public final class ReprocessQueue {
  private static final Comparator<Reprocess> AGE = Comparator
      .comparing((Reprocess r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
      .thenComparing(r -> r.getMetadata().getName());

  private ReprocessQueue() {}

  /** The Reprocess {@code self} must wait for, if any. */
  public static Optional<String> blocker(Reprocess self, Collection<Reprocess> all) {
    var rivals = all.stream()
        .filter(r -> !r.getMetadata().getName().equals(self.getMetadata().getName()))
        .filter(r -> Objects.equals(r.getMetadata().getNamespace(), self.getMetadata().getNamespace()))
        .filter(r -> r.getSpec() != null && Objects.equals(r.getSpec().pipelineRef, self.getSpec().pipelineRef))
        .filter(r -> !phase(r).isTerminal())
        .sorted(AGE)
        .toList();
    Optional<Reprocess> active = rivals.stream().filter(r -> phase(r).isActive()).findFirst();
    if (active.isPresent()) {
      return active.map(r -> r.getMetadata().getName());
    }
    return rivals.stream().filter(r -> AGE.compare(r, self) < 0).findFirst().map(r -> r.getMetadata().getName());
  }

  /**
   * The Reprocesses queued behind {@code changed}: when it changes (finishes, fails, is deleted), they are the ones
   * to look at again, at once rather than at their next re-check.
   */
  public static List<Reprocess> queuedBehind(Reprocess changed, Collection<Reprocess> all) {
    return all.stream()
        .filter(r -> Objects.equals(r.getMetadata().getNamespace(), changed.getMetadata().getNamespace()))
        .filter(r -> phase(r) == ReprocessPhase.Queued && r.getStatus() != null
            && changed.getMetadata().getName().equals(r.getStatus().queuedBehind))
        .toList();
  }

  private static ReprocessPhase phase(Reprocess r) {
    return r.getStatus() == null || r.getStatus().phase == null ? ReprocessPhase.Pending : r.getStatus().phase;
  }
}
