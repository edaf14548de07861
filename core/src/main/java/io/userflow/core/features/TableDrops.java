package io.userflow.core.features;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which tables a run may drop: only the tables of feature groups the pipeline no longer declares. A removed group's
 * table is otherwise left as it is; dropping it is asked for by name (a Reprocess's {@code spec.dropTables}, the
 * maintenance job's {@code --drop-tables}), and this rule refuses everything else. Pure: the operator checks it
 * before the run starts and the maintenance job again right before it drops, since the pipeline may have changed in
 * between.
 */
public final class TableDrops {
  /** Most tables one run may drop. */
  public static final int MAX = 20;

  private TableDrops() {}

  /**
   * What is wrong with dropping {@code tables}, one line per problem (empty: each may be dropped).
   *
   * @param history a table's snapshot history, empty when the table does not exist (nothing to drop: allowed)
   */
  public static List<String> refusals(List<String> tables, TableLayout layout, DeclaredGroups declared,
      Function<String, Optional<SourceHistory>> history) {
    List<String> out = new ArrayList<>();
    if (tables.size() > MAX) {
      out.add("at most " + MAX + " tables per run, got " + tables.size());
    }
    Set<String> seen = new HashSet<>();
    for (String table : tables) {
      if (!seen.add(table)) {
        out.add(table + " is named twice");
      } else if (layout.allTables().contains(table)) {
        out.add(table + " is one of the pipeline's own tables, which are never dropped");
      } else if (declared.groups().stream().anyMatch(g -> g.name().equals(table))) {
        out.add(table + " is the table of a feature group the pipeline still declares; remove the group from its "
            + "features first");
      } else {
        history.apply(table).flatMap(h -> notAGroupTable(table, h)).ifPresent(out::add);
      }
    }
    return out;
  }

  /** A table is a feature group's when some commit of it recorded a definition. */
  private static Optional<String> notAGroupTable(String table, SourceHistory history) {
    boolean written = history.snapshots().stream().map(SnapshotFact::summary)
        .anyMatch(s -> s != null && s.containsKey(LineageKeys.DEFINITION_HASH));
    return written ? Optional.empty() : Optional.of(table + " was not written by a feature group (no commit records "
        + LineageKeys.DEFINITION_HASH + "); drop it with your catalog's tools if it should go");
  }
}
