package io.userflow.core.maintenance;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import io.userflow.core.planner.TargetState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which snapshots of the userflow tables snapshot expiry must keep, and the expiry cut-off that keeps them. Expiring
 * a snapshot the next incremental plan reads would turn it into a FULL rebuild (LAST_PROCESSED_EXPIRED) or lose the
 * lineage a stage plans from, so every table keeps:
 * <ul>
 *   <li>its own newest lineage commit (the target state its stage plans from, {@link StagePlanning#lineage}) and,
 *       for Bronze, its newest streaming batch commit (the replay check reads it);</li>
 *   <li>the source snapshot each downstream stage last processed: for Bronze the ones Silver's and the rejects'
 *       lineage name, for Silver the one Gold's lineage table names ({@link TableLayout#goldLineageTable()}).</li>
 * </ul>
 * The cut-off is older than each of these and than every snapshot between it and the current one, so the
 * incremental range after it survives too. Pure.
 */
public final class SnapshotRetention {
  private SnapshotRetention() {}

  /**
   * An expiry decision for one table.
   *
   * @param table table name
   * @param expireOlderThanMillis snapshots committed before this instant may be expired
   * @param kept the snapshots kept for lineage, by id, each with why
   */
  public record Cutoff(String table, long expireOlderThanMillis, Map<Long, String> kept) {
    public Cutoff {
      kept = Map.copyOf(kept);
    }
  }

  /**
   * The snapshots each table of {@code layout} must keep for lineage, each with why, by table name.
   * {@code histories} holds the tables that exist; a missing one needs nothing and protects nothing.
   */
  public static Map<String, Map<Long, String>> needed(TableLayout layout, Map<String, SourceHistory> histories) {
    Map<String, Map<Long, String>> out = new TreeMap<>();
    histories.forEach((table, history) -> {
      Map<Long, String> keep = out.computeIfAbsent(table, t -> new TreeMap<>());
      Long own = StagePlanning.lineage(history).targetSnapshotId();
      if (own != null) {
        keep.put(own, "newest lineage commit of " + table);
      }
      newestWith(history, LineageKeys.BATCH_ID).ifPresent(id -> keep.merge(id, "newest batch commit of " + table,
          SnapshotRetention::and));
    });
    downstream(out, histories, layout.bronze(), layout.silverLineageTable(), "Silver");
    downstream(out, histories, layout.bronze(), layout.rejects(), "Silver rejects");
    downstream(out, histories, layout.silver(), layout.goldLineageTable(), "Gold");
    return out;
  }

  /**
   * The expiry cut-off of {@code table}: {@code nowMillis - retentionMillis}, moved back to before the oldest
   * snapshot from the current one down to each kept snapshot. A kept id no longer in the table is ignored (the
   * stage that needed it plans FULL anyway).
   */
  public static Cutoff cutoff(SourceHistory table, Map<Long, String> keep, long nowMillis, long retentionMillis) {
    if (retentionMillis < 0) {
      throw new IllegalArgumentException("retention must not be negative, got " + retentionMillis + " ms");
    }
    long cutoff = nowMillis - retentionMillis;
    List<SnapshotFact> ancestry = table.currentAncestry();
    Map<Long, String> kept = new TreeMap<>();
    for (Map.Entry<Long, String> k : keep.entrySet()) {
      Optional<SnapshotFact> snapshot = table.snapshot(k.getKey());
      if (snapshot.isEmpty()) {
        continue;
      }
      kept.put(k.getKey(), k.getValue());
      cutoff = Math.min(cutoff, snapshot.get().timestampMillis());
      // commit clocks may step back a little: keep the whole range from the current snapshot down to it
      List<Long> ids = ancestry.stream().map(SnapshotFact::snapshotId).toList();
      int index = ids.indexOf(k.getKey());
      for (int i = 0; i < index; i++) {
        cutoff = Math.min(cutoff, ancestry.get(i).timestampMillis());
      }
    }
    return new Cutoff(table.table(), cutoff, kept);
  }

  /** Adds to {@code source}'s kept snapshots the one {@code lineageTable}'s stage last processed from it. */
  private static void downstream(Map<String, Map<Long, String>> out, Map<String, SourceHistory> histories,
      String source, String lineageTable, String stage) {
    if (!histories.containsKey(source) || !histories.containsKey(lineageTable)) {
      return;
    }
    TargetState state = StagePlanning.lineage(histories.get(lineageTable));
    if (state.hasPreviousRun()) {
      out.get(source).merge(state.lastProcessedSourceSnapshotId(), "last processed by " + stage, SnapshotRetention::and);
    }
  }

  private static String and(String a, String b) {
    return a + "; " + b;
  }

  private static Optional<Long> newestWith(SourceHistory history, String key) {
    return history.currentAncestry().stream().filter(s -> s.summary().containsKey(key)).findFirst()
        .map(SnapshotFact::snapshotId);
  }
}
