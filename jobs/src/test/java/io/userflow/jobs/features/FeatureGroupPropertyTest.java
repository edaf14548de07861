package io.userflow.jobs.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.features.FeatureGroup;
import io.userflow.core.features.FeatureGroups;
import io.userflow.jobs.features.ReferenceFeatureGroups.Key;
import io.userflow.jobs.testing.LocalSparkTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A custom definition — a filtered count, a sum over an expression, min, avg, a distinct count over a function, the
 * last value, a derived flag, and a 30-day window over them — compiled to Spark equals the reference evaluator on
 * random events (nulls included). A failure names its seed; the seed replays it.
 */
class FeatureGroupPropertyTest extends LocalSparkTest {
  private static final String DEFINITION = """
      groups:
        - name: shopper_daily
          entity: user_id
          features:
            - {name: big_purchases, aggregation: count, filter: "event_type = 'purchase' AND price >= 50"}
            - name: spend
              aggregation: sum
              expression: "price * coalesce(quantity, 1)"
              filter: "event_type IN ('purchase', 'refund') AND NOT page IS NULL"
            - {name: cheapest, aggregation: min, expression: price}
            - {name: avg_quantity, aggregation: avg, expression: quantity}
            - {name: products, aggregation: count_distinct, expression: "lower(product_id)"}
            - {name: last_page, aggregation: last, expression: page, filter: "hour(event_time) BETWEEN 6 AND 22"}
            - {name: evening_events, aggregation: count, filter: "hour(event_time) >= 18 OR quantity > 3"}
            - {name: big_spender, derived: "spend > 500 OR big_purchases >= 2"}
        - name: shopper_30d
          entity: user_id
          grain: rolling
          days: 30
          of: shopper_daily
          features:
            - {name: big_purchases, aggregation: sum, expression: big_purchases}
            - {name: spend, aggregation: sum, expression: spend}
            - {name: max_spend, aggregation: max, expression: spend}
            - {name: spending_days, aggregation: count, filter: "spend > 0"}
            - {name: loyal, derived: "spending_days >= 3 AND NOT big_purchases = 0"}
      """;

  private static final StructType EVENTS = new StructType().add("event_id", DataTypes.StringType)
      .add("user_id", DataTypes.StringType).add("event_type", DataTypes.StringType)
      .add("event_time", DataTypes.TimestampType).add("event_date", DataTypes.DateType)
      .add("page", DataTypes.StringType).add("product_id", DataTypes.StringType)
      .add("price", DataTypes.createDecimalType(18, 4)).add("quantity", DataTypes.IntegerType)
      .add("device", DataTypes.StringType);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theCompiledGroupsEqualTheReferenceEvaluator(long seed) {
    List<FeatureGroup> groups = FeatureGroups.parse(DEFINITION, FeatureGroups.SILVER_FIELDS);
    FeatureGroup daily = groups.get(0);
    FeatureGroup window = groups.get(1);
    List<Map<String, Object>> events = randomEvents(new Random(seed), 600);
    Dataset<Row> silver = spark.createDataFrame(events.stream().map(FeatureGroupPropertyTest::row).toList(), EVENTS);

    Dataset<Row> dailyRows = FeatureGroupTransforms.daily(daily, FeatureGroups.SILVER_FIELDS, silver, null).cache();
    Map<Key, Map<String, Object>> expectedDaily = ReferenceFeatureGroups.daily(daily, events);
    assertThat(expectedDaily.values()).as("the sample exercises the filters, nulls and the derived flag")
        .anyMatch(r -> Boolean.TRUE.equals(r.get("big_spender"))).anyMatch(r -> r.get("last_page") == null)
        .anyMatch(r -> r.get("cheapest") != null).anyMatch(r -> ((Long) r.get("evening_events")) > 0);
    assertThat(ReferenceFeatureGroups.collect(daily, dailyRows)).as("daily, seed " + seed)
        .isEqualTo(ReferenceFeatureGroups.normalized(daily, expectedDaily));
    assertThat(FeatureTypes.schema(daily).asNullable()).isEqualTo(dailyRows.schema().asNullable());

    Dataset<Row> windowRows = FeatureGroupTransforms.rolling(window, daily, dailyRows, null);
    assertThat(ReferenceFeatureGroups.collect(window, windowRows)).as("30-day window, seed " + seed)
        .isEqualTo(ReferenceFeatureGroups.normalized(window, ReferenceFeatureGroups.rolling(window, expectedDaily)));
    dailyRows.unpersist();
  }

  /** Random definitions ({@link RandomDefinitions}) on random events: compiled, they equal the reference evaluator. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void randomDefinitionsEqualTheReferenceEvaluator(long seed) {
    String yaml = "groups:\n" + new RandomDefinitions(seed).groups("r");
    List<FeatureGroup> groups = FeatureGroups.parse(yaml, FeatureGroups.SILVER_FIELDS);
    List<Map<String, Object>> events = randomEvents(new Random(seed), 400);
    Dataset<Row> silver = spark.createDataFrame(events.stream().map(FeatureGroupPropertyTest::row).toList(), EVENTS);
    Dataset<Row> dailyRows = FeatureGroupTransforms.daily(groups.get(0), FeatureGroups.SILVER_FIELDS, silver, null).cache();
    Map<Key, Map<String, Object>> expectedDaily = ReferenceFeatureGroups.daily(groups.get(0), events);
    String why = "seed " + seed + ", definition:\n" + yaml;
    assertThat(expectedDaily).as(why).isNotEmpty();
    assertThat(ReferenceFeatureGroups.collect(groups.get(0), dailyRows)).as("daily, " + why)
        .isEqualTo(ReferenceFeatureGroups.normalized(groups.get(0), expectedDaily));
    Dataset<Row> windowRows = FeatureGroupTransforms.rolling(groups.get(1), groups.get(0), dailyRows, null);
    assertThat(ReferenceFeatureGroups.collect(groups.get(1), windowRows)).as("window, " + why)
        .isEqualTo(ReferenceFeatureGroups.normalized(groups.get(1),
            ReferenceFeatureGroups.rolling(groups.get(1), expectedDaily)));
    dailyRows.unpersist();
  }

  private static List<Map<String, Object>> randomEvents(Random r, int n) {
    Instant start = Instant.parse("2026-09-01T00:00:00Z");
    String[] types = {"page_view", "product_view", "purchase", "refund", "add_to_cart"};
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> e = new HashMap<>();
      Instant t = start.plusSeconds(r.nextInt(60 * 86_400));
      e.put("event_id", "e" + r.nextInt(n * 4));
      e.put("user_id", "u" + r.nextInt(6));
      e.put("event_type", types[r.nextInt(types.length)]);
      e.put("event_time", t);
      e.put("event_date", t.atZone(ZoneOffset.UTC).toLocalDate());
      e.put("page", r.nextInt(5) == 0 ? null : "/p" + r.nextInt(4));
      e.put("product_id", r.nextInt(4) == 0 ? null : (r.nextBoolean() ? "P" : "p") + r.nextInt(5));
      e.put("price", r.nextInt(5) == 0 ? null : BigDecimal.valueOf(r.nextInt(2_000_000), 4));
      e.put("quantity", r.nextInt(3) == 0 ? null : (long) r.nextInt(7));
      e.put("device", r.nextInt(4) == 0 ? null : new String[] {"web", "ios", "android"}[r.nextInt(3)]);
      events.add(e);
    }
    return events;
  }

  private static Row row(Map<String, Object> e) {
    Long quantity = (Long) e.get("quantity");
    return RowFactory.create(e.get("event_id"), e.get("user_id"), e.get("event_type"),
        Timestamp.from((Instant) e.get("event_time")), Date.valueOf((LocalDate) e.get("event_date")), e.get("page"),
        e.get("product_id"), e.get("price"), quantity == null ? null : quantity.intValue(), e.get("device"));
  }
}
