package io.userflow.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RunPlan;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import io.userflow.core.planner.StagePlanning;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A declared group's version: what its table recorded against the definition now, and how Gold plans a change. */
class DefinitionVersionsTest {
  private static final String DAILY = """
        - name: shopper_daily
          entity: user_id
          features:
            - {name: big_purchases, aggregation: count, filter: "event_type = 'purchase' AND price >= 50"}
            - {name: spend, aggregation: sum, expression: "price * coalesce(quantity, 1)", filter: "event_type = 'purchase'"}
      """;
  private static final String WINDOW = """
        - name: shopper_30d
          entity: user_id
          grain: rolling
          days: 30
          of: shopper_daily
          features:
            - {name: spend, aggregation: sum, expression: spend}
      """;

  private static DeclaredGroups declared(String groups) {
    return DeclaredGroups.parse("groups:\n" + groups, List.of("user_daily_features"));
  }

  private static SourceHistory written(String table, DeclaredGroups by) {
    FeatureGroup g = by.group(table);
    return new SourceHistory(table, 5L, List.of(new SnapshotFact(5, null, 5000, "append", 1, 1, 1, 1, 1, 1,
        Map.of(LineageKeys.DEFINITION_HASH, by.hash(g), LineageKeys.DEFINITION, g.definition()))));
  }

  private static List<DefinitionChange> changes(DeclaredGroups now, DeclaredGroups recorded) {
    return DefinitionVersions.changes(now, t -> Optional.of(written(t, recorded)));
  }

  @Test
  void theSameDefinitionIsUnchangedAndAMissingTableIsNew() {
    DeclaredGroups v1 = declared(DAILY + WINDOW);
    assertThat(declared(DAILY + WINDOW).hash(v1.group("shopper_daily"))).isEqualTo(v1.hash(v1.group("shopper_daily")));
    assertThat(changes(v1, v1)).extracting(DefinitionChange::kind).containsOnly(DefinitionChange.Kind.UNCHANGED);
    assertThat(DefinitionVersions.changes(v1, t -> Optional.empty())).extracting(DefinitionChange::kind)
        .containsOnly(DefinitionChange.Kind.NEW);
  }

  @Test
  void aChangeSaysWhatChangedAndReachesTheWindowsOverIt() {
    DeclaredGroups v1 = declared(DAILY + WINDOW);
    DeclaredGroups v2 = declared(DAILY.replace(">= 50", ">= 100").replace("{name: spend, aggregation: sum",
        "{name: revenue, aggregation: sum") + "      - {name: pages, aggregation: count_distinct, expression: page}\n"
        + WINDOW.replace("expression: spend", "expression: revenue"));
    List<DefinitionChange> changes = changes(v2, v1);
    assertThat(changes.get(0).detail()).isEqualTo("added revenue, pages; removed spend; feature big_purchases: filter changed");
    assertThat(changes.get(1).detail()).isEqualTo("feature spend: expression changed");

    DeclaredGroups onlyDaily = declared(DAILY.replace(">= 50", ">= 60") + WINDOW);
    List<DefinitionChange> reach = changes(onlyDaily, v1);
    assertThat(reach).extracting(DefinitionChange::kind).containsOnly(DefinitionChange.Kind.CHANGED);
    assertThat(reach.get(1).detail()).isEqualTo("its daily group shopper_daily changed");
    assertThat(changes(declared(DAILY + WINDOW.replace("days: 30", "days: 14")), v1).get(1).describe())
        .isEqualTo("table shopper_30d (changed: days 30 -> 14)");
  }

  @Test
  void aGroupMayNotTakeThePipelinesOwnTableNames() {
    assertThatThrownBy(() -> declared(DAILY.replace("shopper_daily", "user_daily_features")))
        .isInstanceOf(FeatureDefinitionException.class).hasMessageContaining("one of the pipeline's own tables");
  }

  @Test
  void goldPlansAChangeAloneWhenSilverIsQuietAndBesideItsIncrementalOtherwise() {
    Map<String, String> run = Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, "1", LineageKeys.TRANSFORM_VERSION, "s1",
        LineageKeys.AFFECTED_DATES, "2026-11-01");
    SnapshotFact first = new SnapshotFact(1, null, 1000, "append", 10, 1, 100, 10, 1, 100, run);
    SnapshotFact second = new SnapshotFact(2, 1L, 2000, "append", 10, 1, 100, 20, 2, 200, run);
    SourceHistory gold = new SourceHistory("gold", 9L, List.of(new SnapshotFact(9, null, 9000, "append", 1, 1, 1, 1, 1,
        1, Map.of(LineageKeys.SOURCE_SNAPSHOT_ID, "1", LineageKeys.TRANSFORM_VERSION, "g1"))));
    List<DefinitionChange> changed = List.of(new DefinitionChange("a", DefinitionChange.Kind.UNCHANGED, ""),
        new DefinitionChange("b", DefinitionChange.Kind.CHANGED, "added x"));

    RunPlan quiet = StagePlanning.gold(new SourceHistory("silver", 1L, List.of(first)), gold, PlanRequest.auto("g1"),
        changed);
    assertThat(quiet.mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(quiet.reason()).isEqualTo(PlanReason.DEFINITION_CHANGED);
    assertThat(quiet.rebuilds()).extracting(DefinitionChange::table).containsExactly("b");
    assertThat(quiet.partitions().goldDailyDates()).isEmpty();
    assertThat(quiet.toSnapshotInclusive()).as("at the Silver snapshot the tables reflect").isEqualTo(1L);
    assertThat(quiet.rebuilds("b")).isTrue();
    assertThat(quiet.rebuilds("a")).isFalse();

    RunPlan busy = StagePlanning.gold(new SourceHistory("silver", 2L, List.of(first, second)), gold,
        PlanRequest.auto("g1"), changed);
    assertThat(busy.reason()).isEqualTo(PlanReason.APPENDS_ONLY);
    assertThat(busy.message()).endsWith("table b (changed: added x).");
    assertThat(busy.rebuilds()).hasSize(1);

    RunPlan empty = StagePlanning.gold(new SourceHistory("silver", null, List.of()), gold, PlanRequest.auto("g1"),
        changed);
    assertThat(empty.isNoop()).as("nothing to build from yet").isTrue();
  }
}
