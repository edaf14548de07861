package io.userflow.core.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The retained snapshots of a source table and which one is current on its main branch.
 *
 * @param table table name, for messages
 * @param currentSnapshotId current snapshot of the main branch, null if the table has never been written
 * @param snapshots all retained snapshots, any order
 * @param branches head snapshot of each branch other than main (e.g. a run's audit branch), by name
 */
public record SourceHistory(String table, Long currentSnapshotId, List<SnapshotFact> snapshots,
    Map<String, Long> branches) {

  public SourceHistory {
    snapshots = List.copyOf(snapshots);
    branches = Map.copyOf(branches);
  }

  /** A history with no branch besides main. */
  public SourceHistory(String table, Long currentSnapshotId, List<SnapshotFact> snapshots) {
    this(table, currentSnapshotId, snapshots, Map.of());
  }

  /** The head snapshot of {@code branch}, if the table has that branch and the snapshot is retained. */
  public Optional<SnapshotFact> branchHead(String branch) {
    Long head = branches.get(branch);
    return head == null ? Optional.empty() : snapshot(head);
  }

  public Optional<SnapshotFact> snapshot(long id) {
    return snapshots.stream().filter(s -> s.snapshotId() == id).findFirst();
  }

  public Optional<SnapshotFact> current() {
    return currentSnapshotId == null ? Optional.empty() : snapshot(currentSnapshotId);
  }

  /** Ancestors of the current snapshot, newest first, including the current one; stops at an expired parent. */
  public List<SnapshotFact> currentAncestry() {
    Map<Long, SnapshotFact> byId = new LinkedHashMap<>();
    snapshots.forEach(s -> byId.put(s.snapshotId(), s));
    List<SnapshotFact> chain = new ArrayList<>();
    Long next = currentSnapshotId;
    while (next != null && byId.containsKey(next) && chain.size() <= byId.size()) {
      SnapshotFact s = byId.get(next);
      chain.add(s);
      next = s.parentId();
    }
    return Collections.unmodifiableList(chain);
  }

  /**
   * The snapshots a stage that processed up to {@code lastProcessed} has not seen: the ancestors of the current
   * snapshot newer than it, newest first; the whole ancestry when nothing was processed (null) or
   * {@code lastProcessed} is no longer an ancestor.
   */
  public List<SnapshotFact> after(Long lastProcessed) {
    List<SnapshotFact> ancestry = currentAncestry();
    for (int i = 0; lastProcessed != null && i < ancestry.size(); i++) {
      if (ancestry.get(i).snapshotId() == lastProcessed) {
        return ancestry.subList(0, i);
      }
    }
    return ancestry;
  }
}
