package io.userflow.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.layout.TableLayout;
import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only a removed group's table may be dropped: not the pipeline's own, not a declared group's, not a foreign table. */
class TableDropsTest {
  private static final TableLayout LAYOUT = TableLayout.defaults();
  private static final DeclaredGroups DECLARED = DeclaredGroups.parse("""
      groups:
        - name: shopper_daily
          entity: user_id
          features:
            - {name: spend, aggregation: sum, expression: price}
      """, LAYOUT.allTables());

  private static SourceHistory history(String table, Map<String, String> summary) {
    return new SourceHistory(table, 5L, List.of(new SnapshotFact(5, null, 5000, "append", 1, 1, 1, 1, 1, 1, summary)));
  }

  private static Optional<SourceHistory> tables(String table) {
    return switch (table) {
      case "product_daily" -> Optional.of(history(table, Map.of(LineageKeys.DEFINITION_HASH, "abc")));
      case "someone_elses" -> Optional.of(history(table, Map.of("operation", "append")));
      default -> Optional.empty();
    };
  }

  @Test
  void aRemovedGroupsTableAndAMissingOneMayBeDropped() {
    assertThat(TableDrops.refusals(List.of("product_daily", "gone_already"), LAYOUT, DECLARED, TableDropsTest::tables))
        .isEmpty();
  }

  @Test
  void everyOtherTableIsRefusedWithWhy() {
    assertThat(TableDrops.refusals(List.of("silver_events", "shopper_daily", "someone_elses", "product_daily",
        "product_daily"), LAYOUT, DECLARED, TableDropsTest::tables)).containsExactly(
        "silver_events is one of the pipeline's own tables, which are never dropped",
        "shopper_daily is the table of a feature group the pipeline still declares; remove the group from its "
            + "features first",
        "someone_elses was not written by a feature group (no commit records userflow.definition-hash); drop it "
            + "with your catalog's tools if it should go",
        "product_daily is named twice");
    assertThat(TableDrops.refusals(Collections.nCopies(TableDrops.MAX + 1, "x"), LAYOUT, DECLARED, t -> Optional.empty()))
        .first().isEqualTo("at most 20 tables per run, got 21");
  }
}
