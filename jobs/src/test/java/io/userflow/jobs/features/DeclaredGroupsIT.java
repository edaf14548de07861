package io.userflow.jobs.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.DefinitionChange;
import io.userflow.core.features.FeatureGroup;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.PlanMode;
import io.userflow.core.planner.PlanReason;
import io.userflow.core.planner.PlanRequest;
import io.userflow.core.planner.RequestedMode;
import io.userflow.devkit.simulator.EventSimulator;
import io.userflow.devkit.simulator.FaultRates;
import io.userflow.devkit.simulator.Simulation;
import io.userflow.devkit.simulator.SimulationOptions;
import io.userflow.jobs.gold.GoldResult;
import io.userflow.jobs.gold.GoldStage;
import io.userflow.jobs.silver.SilverStage;
import io.userflow.jobs.silver.SilverStageTest;
import io.userflow.jobs.spark.CommitHook;
import io.userflow.jobs.spark.IcebergTables;
import io.userflow.jobs.spark.RunContext;
import io.userflow.jobs.testing.FakeBronze;
import io.userflow.jobs.testing.LocalSparkTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Declared feature groups written by Gold beside the default tables — a fixed definition and a random one — on a
 * fault-injected stream in batches: the incremental tables (by key for groups keyed by user, by date for the others)
 * equal a FULL run's and the reference evaluator's over the published Silver rows; changing one
 * group's definition rebuilds that table alone ({@link PlanReason#DEFINITION_CHANGED}), leaves the others' snapshots
 * as they were, and later batches are incremental again under the new definition.
 */
class DeclaredGroupsIT extends LocalSparkTest {
  /** Two event fields the default contract does not have; the stream below carries them on purchases. */
  private static final String EVENTS = """
      events:
        fields:
          - {name: coupon, type: string, maxLength: 12}
          - {name: discount, type: decimal, scale: 2, min: 0, max: 500}
      """;
  private static final String SHOPPERS = """
        - name: shopper_daily
          entity: user_id
          features:
            - {name: big_purchases, aggregation: count, filter: "event_type = 'purchase' AND price >= 50"}
            - name: spend
              aggregation: sum
              expression: "price * coalesce(quantity, 1)"
              filter: "event_type = 'purchase'"
            - {name: products, aggregation: count_distinct, expression: product_id}
            - {name: last_page, aggregation: last, expression: page}
            - {name: discounts, aggregation: sum, expression: discount, filter: "event_type = 'purchase'"}
            - {name: coupons, aggregation: count_distinct, expression: coupon}
        - name: shopper_30d
          entity: user_id
          grain: rolling
          days: 30
          of: shopper_daily
          features:
            - {name: spend, aggregation: sum, expression: spend}
            - {name: big_purchases, aggregation: sum, expression: big_purchases}
            - {name: spending_days, aggregation: count, filter: "spend > 0"}
      """;
  private static final String PRODUCTS_V1 = """
        - name: product_daily
          entity: product_id
          features:
            - {name: views, aggregation: count, filter: "event_type = 'product_view'"}
            - {name: buyers, aggregation: count_distinct, expression: user_id, filter: "event_type = 'purchase'"}
      """;
  private static final String PRODUCTS_V2 = PRODUCTS_V1 + """
            - {name: carts, aggregation: count, filter: "event_type = 'add_to_cart'"}
      """;
  /** A random daily group and window ({@link RandomDefinitions}); a failure prints it. */
  private static final long SEED = 20261207L;
  private static final String RANDOM = new RandomDefinitions(SEED).groups("random");

  @Test
  void declaredTablesFollowIncrementalRunsAndAChangedGroupIsRebuiltAlone() {
    TableLayout inc = TableLayout.defaults().inNamespace("declared_inc");
    System.err.println("DeclaredGroupsIT: random groups of seed " + SEED + ":\n" + RANDOM);
    DeclaredGroups v1 = declared(inc, SHOPPERS + RANDOM + PRODUCTS_V1);
    Simulation sim = EventSimulator.generate(SimulationOptions.defaults().withSeed(23).withUsers(30)
        .withStart(Instant.parse("2026-10-01T00:00:00Z")).withDuration(Duration.ofDays(4))
        .withFaults(FaultRates.defaults().toBuilder().duplicate(0.05).late(0.08).outOfOrder(0.05).malformed(0.01).build()));
    List<String> values = withCouponsAndDiscounts(sim.values());
    int third = values.size() / 3;
    Instant arrival = sim.lastSendTime().plus(Duration.ofHours(1));
    FakeBronze bronze = new FakeBronze(spark, inc);

    for (int b = 0; b < 2; b++) {
      bronze.append(arrival.plus(Duration.ofMinutes(10L * b)), values.subList(b * third, (b + 1) * third));
      GoldResult gold = silverThenGold(inc, "b" + b, v1);
      assertThat(gold.plan().mode()).as("gold plan of batch %d: %s", b, gold.plan())
          .isEqualTo(b == 0 ? PlanMode.FULL : PlanMode.INCREMENTAL);
      assertThat(gold.declared()).extracting(GoldResult.Declared::table)
          .containsExactly("shopper_daily", "shopper_30d", "random_daily", "random_window", "product_daily");
      boolean first = b == 0;
      assertThat(gold.declared()).as("batch %d: %s", b, gold.declared())
          .allMatch(d -> d.full() == first).anyMatch(d -> d.rowsWritten() > 0);
    }
    assertThat(spark.table(inc.sparkName(inc.silver())).filter("discount IS NOT NULL AND coupon IS NOT NULL").count())
        .as("the declared fields are Silver columns").isPositive();
    assertThat(spark.table(inc.sparkName(inc.rejects())).filter("reason_code = 'FIELD_OUT_OF_RANGE'").count())
        .as("the discount of 900.00 breaks its rule").isEqualTo(1);
    assertEqualsReference(inc, v1);

    TableLayout full = TableLayout.defaults().inNamespace("declared_full");
    IcebergTables.copy(spark, inc.sparkName(inc.bronze()), full.sparkName(full.bronze()));
    SilverStage.run(spark, full, RunContext.of("it", "full", new PlanRequest(RequestedMode.FULL,
        SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT.withEvents(
        DeclaredGroups.parse(EVENTS, List.of()).events()));
    GoldStage.run(spark, full, RunContext.of("it", "full", new PlanRequest(RequestedMode.FULL,
        GoldStage.TRANSFORM_VERSION, 1.0, null)), CommitHook.NONE, declared(full, SHOPPERS + RANDOM + PRODUCTS_V1));
    for (FeatureGroup g : v1.groups()) {
      assertThat(spark.table(full.sparkName(g.name())).count()).as("%s is not empty", g.name()).isPositive();
      SilverStageTest.assertSameRows(spark, inc.sparkName(g.name()), full.sparkName(g.name()));
    }

    // one group changes on a live pipeline with nothing new in Silver
    DeclaredGroups v2 = declared(inc, SHOPPERS + RANDOM + PRODUCTS_V2);
    long shopperBefore = snapshot(inc, "shopper_daily");
    long windowBefore = snapshot(inc, "shopper_30d");
    GoldResult changed = gold(inc, "changed", v2);
    assertThat(changed.plan().reason()).as("%s", changed.plan()).isEqualTo(PlanReason.DEFINITION_CHANGED);
    assertThat(changed.plan().rebuilds()).containsExactly(
        new DefinitionChange("product_daily", DefinitionChange.Kind.CHANGED, "added carts"));
    assertThat(changed.plan().message()).contains("table product_daily (changed: added carts)");
    assertThat(snapshot(inc, "shopper_daily")).as("an unchanged group's table gets no commit").isEqualTo(shopperBefore);
    assertThat(snapshot(inc, "shopper_30d")).isEqualTo(windowBefore);
    assertThat(spark.table(inc.sparkName("product_daily")).columns())
        .containsExactly("product_id", "feature_date", "views", "buyers", "carts");
    assertEqualsReference(inc, v2);
    assertThat(gold(inc, "again", v2).plan().mode()).as("recorded: nothing left to do").isEqualTo(PlanMode.NOOP);

    // the last batch, incremental under the new definition
    bronze.append(arrival.plus(Duration.ofMinutes(30)), values.subList(2 * third, values.size()));
    GoldResult last = silverThenGold(inc, "b2", v2);
    assertThat(last.plan().mode()).isEqualTo(PlanMode.INCREMENTAL);
    assertThat(last.plan().rebuilds()).isEmpty();
    assertThat(last.declared()).noneMatch(GoldResult.Declared::full);
    assertEqualsReference(inc, v2);
  }

  private static DeclaredGroups declared(TableLayout layout, String groups) {
    return DeclaredGroups.parse(EVENTS + "groups:\n" + groups, layout.allTables());
  }

  /** Every other purchase gets a discount, every third a coupon code; one discount breaks its rule (a reject). */
  private static List<String> withCouponsAndDiscounts(List<String> values) {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    int purchases = 0;
    for (String v : values) {
      try {
        JsonNode node = json.readTree(v);
        if (node instanceof ObjectNode o && "purchase".equals(o.path("event_type").asText(null))) {
          purchases++;
          if (purchases % 2 == 0) {
            o.put("discount", purchases == 2 ? new BigDecimal("900.00") : BigDecimal.valueOf(purchases % 37, 1));
          }
          if (purchases % 3 == 0) {
            o.put("coupon", "SAVE" + purchases % 4);
          }
          out.add(json.writeValueAsString(o));
          continue;
        }
      } catch (JsonProcessingException e) {
        // a malformed record stays as it is: Silver rejects it
      }
      out.add(v);
    }
    return out;
  }

  private static GoldResult silverThenGold(TableLayout layout, String run, DeclaredGroups declared) {
    SilverStage.run(spark, layout, RunContext.of("it", run, new PlanRequest(RequestedMode.AUTO,
        SilverStage.TRANSFORM_VERSION, 1.0, null)), SilverStageTest.LENIENT.withEvents(
        DeclaredGroups.parse(EVENTS, List.of()).events()));
    return gold(layout, run, declared);
  }

  private static GoldResult gold(TableLayout layout, String run, DeclaredGroups declared) {
    return GoldStage.run(spark, layout, RunContext.of("it", run, new PlanRequest(RequestedMode.AUTO,
        GoldStage.TRANSFORM_VERSION, 1.0, null)), CommitHook.NONE, declared);
  }

  private static long snapshot(TableLayout layout, String table) {
    return IcebergTables.load(spark, layout.sparkName(table), "").currentSnapshot().snapshotId();
  }

  /** Every declared table equals the reference evaluator over the published Silver rows. */
  private static void assertEqualsReference(TableLayout layout, DeclaredGroups declared) {
    List<Map<String, Object>> events = spark.table(layout.sparkName(layout.silver())).collectAsList().stream()
        .map(DeclaredGroupsIT::event).toList();
    Map<String, Map<ReferenceFeatureGroups.Key, Map<String, Object>>> expected = new HashMap<>();
    for (FeatureGroup g : declared.groups()) {
      Map<ReferenceFeatureGroups.Key, Map<String, Object>> rows = g.isDaily()
          ? ReferenceFeatureGroups.daily(g, events) : ReferenceFeatureGroups.rolling(g, expected.get(g.tiles()));
      expected.put(g.name(), rows);
      assertThat(rows).as("%s has rows", g.name()).isNotEmpty();
      assertThat(ReferenceFeatureGroups.collect(g, spark.table(layout.sparkName(g.name()))))
          .as("%s against the reference evaluator", g.name()).isEqualTo(ReferenceFeatureGroups.normalized(g, rows));
    }
  }

  private static Map<String, Object> event(Row r) {
    Map<String, Object> e = new HashMap<>();
    for (String field : DeclaredGroups.parse(EVENTS, List.of()).fields().keySet()) {
      Object v = r.getAs(field);
      e.put(field, v instanceof Timestamp t ? t.toInstant() : v instanceof Integer i ? (Object) i.longValue() : v);
    }
    e.put("event_date", ((Date) r.getAs("event_date")).toLocalDate());
    assertThat(e.get("price") == null || e.get("price") instanceof BigDecimal).as("price %s", e.get("price")).isTrue();
    return e;
  }
}
