package io.userflow.jobs.gold;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.DefinitionChange;
import io.userflow.core.features.FeatureGroup;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.AffectedPartitions;
import io.userflow.core.planner.RunPlan;
import io.userflow.jobs.features.FeatureGroupTransforms;
import io.userflow.jobs.features.FeatureTypes;
import io.userflow.jobs.spark.DateFilters;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.spark.WriteAuditPublish;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline's declared feature groups' tables, written by a Gold run beside the default ones: on the run's audit
 * branch, each begun at the snapshot the run planned from, published after the default daily table and before the
 * lineage table, so a crash in between replans the run, which recomputes the same rows. A table whose group is new or
 * changed ({@link RunPlan#rebuilds()}) is rebuilt in full from the Silver snapshot the run reads, its columns first
 * set to the new definition's; the others rewrite the dates the plan changed (D..D+days−1 for a window). Each commit
 * records the definition its rows were computed by ({@link LineageKeys#DEFINITION_HASH}).
 */
final class DeclaredTables {
  /** {@link LineageKeys#STAGE} of a declared table's commits. */
  static final String STAGE = "gold-declared";
  /**
   * Silver's columns a row-level change rewrites on existing events: sessions extend and merge. A group's row of a
   * date exists while an event of that date has its entity, so only a group keyed by one of these can lose a row,
   * which a merge would leave behind; such a group replaces its dates instead.
   */
  private static final Set<String> SESSION_COLUMNS = Set.of("session_id", "session_start");

  private final List<Target> targets;

  private DeclaredTables(List<Target> targets) {
    this.targets = targets;
  }

  /** One table: its group, the table, the snapshot of main the run planned from, and what the run does to it. */
  private record Target(FeatureGroup group, Table table, String sparkName, long before, boolean full) {}

  /** Creates or redefines the tables and begins their audit branches; nothing for a pipeline without declared groups. */
  static DeclaredTables begin(SparkSession spark, TableLayout layout, DeclaredGroups declared, RunPlan plan,
      String branch) {
    List<Target> targets = new ArrayList<>();
    for (FeatureGroup g : declared.groups()) {
      String name = layout.sparkName(g.name());
      boolean full = plan.rebuilds(g.name());
      Table table = IcebergTables.ensureDefinition(spark, name, FeatureTypes.schema(g), g.dateColumn(), STAGE, full);
      IcebergTables.mergeOnRead(table);
      long before = table.currentSnapshot().snapshotId();
      WriteAuditPublish.begin(table, branch, before);
      targets.add(new Target(g, table, name, before, full));
    }
    return new DeclaredTables(targets);
  }

  /**
   * Computes and writes every table on {@code branch} from {@code silverAt}: daily groups from the events of the
   * plan's dates (all for a rebuild), windows from their daily group's rows on the branch (D..D+days−1). In a
   * {@code rowLevel} run (after row-level Silver commits) a group merges its recomputed rows, as the default tables
   * do, so only the rows that differ are written; a group keyed by a session column, and any table rebuilt in full,
   * replaces its dates whole.
   */
  List<GoldResult.Declared> write(RunContext ctx, RunPlan plan, DeclaredGroups declared, Dataset<Row> silverAt,
      String branch, boolean rowLevel) {
    Map<String, SortedSet<LocalDate>> written = new LinkedHashMap<>();
    List<GoldResult.Declared> out = new ArrayList<>();
    SparkSession spark = silverAt.sparkSession();
    for (Target t : targets) {
      FeatureGroup g = t.group();
      SortedSet<LocalDate> dates;
      Dataset<Row> rows;
      if (g.isDaily()) {
        dates = t.full() ? null : plan.partitions().goldDailyDates();
        rows = dates != null && dates.isEmpty() ? null : FeatureGroupTransforms.daily(g, declared.fields(), silverAt, dates);
      } else {
        FeatureGroup tiles = declared.tilesOf(g);
        SortedSet<LocalDate> tileDates = written.get(tiles.name());
        dates = t.full() ? null : tileDates == null ? null : AffectedPartitions.rollingDatesFor(tileDates, g.days());
        Dataset<Row> daily = spark.table(WriteAuditPublish.branchIdentifier(target(tiles.name()).sparkName(), branch));
        rows = dates != null && dates.isEmpty() ? null
            : FeatureGroupTransforms.rolling(g, tiles, GoldTransforms.windowRows(daily, dates, g.days()), dates);
      }
      written.put(g.name(), dates);
      DefinitionChange.Kind kind = plan.rebuilds().stream().filter(c -> c.table().equals(g.name()))
          .map(DefinitionChange::kind).findFirst().orElse(DefinitionChange.Kind.UNCHANGED);
      if (rows == null) {
        out.add(new GoldResult.Declared(g.name(), kind, false, 0, 0));
        continue; // nothing changed on its dates: no commit, its recorded definition stands
      }
      Map<String, String> summary = new LinkedHashMap<>(ctx.lineage(STAGE, plan, dates == null ? List.of() : dates));
      summary.put(LineageKeys.DEFINITION_HASH, declared.hash(g));
      summary.put(LineageKeys.DEFINITION, g.definition());
      String ident = WriteAuditPublish.branchIdentifier(t.sparkName(), branch);
      if (rowLevel && dates != null && !SESSION_COLUMNS.contains(g.entity())) {
        // a recomputed row equal to the stored one is not rewritten
        IcebergTables.merge(rows, ident, List.of(g.entity(), g.dateColumn()), DateFilters.targetIn(g.dateColumn(), dates),
            summary);
      } else {
        IcebergTables.overwrite(rows.sortWithinPartitions(g.dateColumn(), g.entity()), ident,
            LineageKeys.writeOptions(summary), DateFilters.in(g.dateColumn(), dates));
      }
      t.table().refresh();
      out.add(new GoldResult.Declared(g.name(), kind, dates == null, dates == null ? -1 : dates.size(),
          IcebergTables.Rewrite.of(t.table().snapshot(branch)).rowsWritten()));
    }
    return out;
  }

  private Target target(String group) {
    return targets.stream().filter(t -> t.group().name().equals(group)).findFirst().orElseThrow();
  }

  /** Fast-forwards each table to the run's branch, in definition order. */
  void publish(String branch) {
    for (Target t : targets) {
      WriteAuditPublish.publish(t.table(), branch, t.before(), () -> { });
    }
  }
}
