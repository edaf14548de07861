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
  /** The entity of the keys a run by key has: Silver's row-level commits name changed (user, date) keys. */
  private static final String KEYED_BY = "user_id";

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
   * plan's dates (all for a rebuild), windows from their daily group's rows on the branch. With {@code changedKeys}
   * (a run by key: the (user_id, feature_date) keys the row-level Silver commits changed), a group keyed by user_id
   * recomputes and merges exactly those keys (a window: (user_id, D..D+days−1)) as the default tables do; any other
   * group rewrites the keys' whole dates.
   */
  List<GoldResult.Declared> write(RunContext ctx, RunPlan plan, DeclaredGroups declared, Dataset<Row> silverAt,
      String branch, Dataset<Row> changedKeys) {
    Map<String, SortedSet<LocalDate>> written = new LinkedHashMap<>();
    Map<String, Dataset<Row>> keysOf = new LinkedHashMap<>();
    List<GoldResult.Declared> out = new ArrayList<>();
    SparkSession spark = silverAt.sparkSession();
    for (Target t : targets) {
      FeatureGroup g = t.group();
      boolean byKey = changedKeys != null && !t.full() && KEYED_BY.equals(g.entity())
          && (g.isDaily() || keysOf.containsKey(g.tiles()));
      SortedSet<LocalDate> dates;
      Dataset<Row> rows;
      if (g.isDaily()) {
        dates = t.full() ? null : plan.partitions().goldDailyDates();
        if (byKey) {
          keysOf.put(g.name(), changedKeys);
        }
        rows = dates != null && dates.isEmpty() ? null : byKey
            ? GoldTransforms.dailyAt(g, declared.fields(), silverAt, changedKeys, dates)
            : FeatureGroupTransforms.daily(g, declared.fields(), silverAt, dates);
      } else {
        FeatureGroup tiles = declared.tilesOf(g);
        SortedSet<LocalDate> tileDates = written.get(tiles.name());
        dates = t.full() ? null : tileDates == null ? null : AffectedPartitions.rollingDatesFor(tileDates, g.days());
        Dataset<Row> daily = spark.table(WriteAuditPublish.branchIdentifier(target(tiles.name()).sparkName(), branch));
        if (dates != null && dates.isEmpty()) {
          rows = null;
        } else if (byKey) {
          Dataset<Row> keys = GoldTransforms.rollingKeys(keysOf.get(tiles.name()), g.days());
          keysOf.put(g.name(), keys);
          rows = GoldTransforms.rollingAt(g, tiles, daily, keys, dates);
        } else {
          rows = FeatureGroupTransforms.rolling(g, tiles, GoldTransforms.windowRows(daily, dates, g.days()), dates);
        }
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
      if (byKey) {
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
