package io.userflow.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.expr.ExprType;
import io.userflow.core.layout.TableLayout;
import io.userflow.core.planner.AffectedPartitions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading feature group definitions, the refusals with what and where, and the default groups. */
class FeatureGroupsTest {
  private static final String CUSTOM = """
      groups:
        - name: device_daily
          entity: user_id
          features:
            - {name: mobile_views, aggregation: count, filter: "device IN ('ios', 'android')"}
            - {name: basket, aggregation: sum, expression: "price * coalesce(quantity, 1)"}
            - {name: last_referrer, aggregation: last, expression: referrer}
            - {name: mobile_heavy, derived: "mobile_views > 10 AND basket IS NOT NULL"}
        - {name: device_14d, entity: user_id, grain: rolling, days: 14, of: device_daily, features: [
            {name: most_mobile_views, aggregation: max, expression: mobile_views},
            {name: basket_days, aggregation: count, filter: "basket > 0"}]}
      """;

  private static List<FeatureGroup> parse(String yaml) {
    return FeatureGroups.parse(yaml, FeatureGroups.SILVER_FIELDS);
  }

  @Test
  void aCustomDefinitionIsBoundWithItsTypes() {
    List<FeatureGroup> groups = parse(CUSTOM);
    FeatureGroup daily = groups.get(0);
    assertThat(daily.isDaily()).isTrue();
    assertThat(daily.dateColumn()).isEqualTo("feature_date");
    assertThat(daily.features()).extracting(Feature::type)
        .containsExactly(ExprType.INTEGER, ExprType.DECIMAL, ExprType.STRING, ExprType.BOOLEAN);
    assertThat(daily.features().get(3).isDerived()).isTrue();
    FeatureGroup window = groups.get(1);
    assertThat(window.isDaily()).isFalse();
    assertThat(window.days()).isEqualTo(14);
    assertThat(window.tiles()).isEqualTo("device_daily");
    assertThat(window.dateColumn()).isEqualTo("as_of_date");
    assertThat(window.features().get(1).filter()).isNotNull();
  }

  @Test
  void theDefaultsAreTodaysTwoTables() {
    List<FeatureGroup> defaults = FeatureGroups.defaults();
    assertThat(defaults).extracting(FeatureGroup::name)
        .containsExactly(TableLayout.DEFAULT_GOLD_DAILY, TableLayout.DEFAULT_GOLD_ROLLING);
    FeatureGroup daily = FeatureGroups.defaultGroup(TableLayout.DEFAULT_GOLD_DAILY);
    assertThat(daily.features()).extracting(Feature::name).containsExactly("event_count", "session_count",
        "page_view_count", "product_view_count", "add_to_cart_count", "purchase_count", "revenue",
        "avg_session_seconds", "distinct_products_viewed", "first_event_time", "last_event_time", "converted");
    assertThat(daily.hasSessionMeasures()).isTrue();
    FeatureGroup rolling = FeatureGroups.defaultGroup(TableLayout.DEFAULT_GOLD_ROLLING);
    assertThat(rolling.features()).extracting(Feature::name).containsExactly("event_count", "session_count",
        "page_view_count", "product_view_count", "add_to_cart_count", "purchase_count", "revenue", "active_days",
        "converted");
    // the planner's rolling dates (D..D+6 for a changed D) and the default window must agree
    assertThat(rolling.days()).isEqualTo(AffectedPartitions.ROLLING_DAYS);
    assertThat(rolling.tiles()).isEqualTo(daily.name());
    assertThat(rolling.entity()).isEqualTo(daily.entity()).isEqualTo("user_id");
  }

  /** Each refusal names the group, the feature, and for an expression what it is and where in it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{name: n, aggregation: count, filter: \"event_typ = 'x'\"}"
          + "| feature group g, feature n, filter at 1:1: unknown field event_typ",
      "{name: n, aggregation: sum, expression: \"price * \"}| feature group g, feature n, expression at 1:9: no viable alternative",
      "{name: n, aggregation: count, filter: \"price + 1\"}"
          + "| feature group g, feature n, filter at 1:7: a filter must be a condition (BOOLEAN), this is DECIMAL",
      "{name: n, aggregation: sum, expression: \"event_type\"}| feature group g, feature n: sum cannot aggregate a STRING",
      "{name: n, aggregation: sum}| feature group g, feature n: sum needs an 'expression'",
      "{name: n, aggregation: median, expression: price}| feature group g, feature n: unknown aggregation median; known:",
      "{name: n, aggregation: sessions, filter: \"price > 1\"}| feature group g, feature n: sessions takes no expression",
      "{name: n, aggregation: count, derived: \"1 = 1\"}"
          + "| feature group g, feature n: give exactly one of 'aggregation' and 'derived'",
      "{name: n, derived: \"nope > 0\"}| feature group g, feature n, derived at 1:1: unknown field nope; declared: ",
      "{name: user_id, aggregation: count}| feature group g, feature user_id: the name is taken",
      "{name: Bad, aggregation: count}| feature group g: feature name Bad is not a lower-case identifier",
  })
  void refusalsNameTheGroupTheFeatureAndThePosition(String feature, String message) {
    String yaml = "groups:\n  - name: g\n    entity: user_id\n    features:\n      - " + feature + "\n";
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(FeatureDefinitionException.class)
        .hasMessageStartingWith(message.strip());
  }

  @Test
  void aDerivedFeatureSeesOnlyTheFeaturesBeforeIt() {
    String yaml = """
        groups:
          - name: g
            entity: user_id
            features:
              - {name: early, derived: "later > 0"}
              - {name: later, aggregation: count}
        """;
    assertThatThrownBy(() -> parse(yaml)).hasMessageStartingWith(
        "feature group g, feature early, derived at 1:1: unknown field later; declared: ");
  }

  @Test
  void rollingGroupsCombineTheDailyRowsWithAnyAggregationButTheSessionMeasures() {
    String header = """
        groups:
          - name: d
            entity: user_id
            features:
              - {name: c, aggregation: count}
          - name: w
            entity: user_id
            grain: rolling
        """;
    assertThat(parse(header + "    days: 3\n    of: d\n    features:\n      - {name: m, aggregation: max, expression: c}\n")
        .get(1).features().get(0).type()).isEqualTo(ExprType.INTEGER);
    assertThat(parse(header + "    days: 3\n    of: d\n    features:\n      - {name: m, aggregation: avg, expression: c}\n"
        + "      - {name: k, aggregation: count_distinct, expression: c}\n"
        + "      - {name: l, aggregation: last, expression: c, filter: c > 1}\n").get(1).features())
        .extracting(Feature::type).containsExactly(ExprType.DOUBLE, ExprType.INTEGER, ExprType.INTEGER);
    assertThatThrownBy(() -> parse(header + "    days: 3\n    of: d\n    features:\n"
        + "      - {name: m, aggregation: sessions}\n"))
        .hasMessage("feature group w, feature m: sessions is a session measure of daily groups; a window combines the "
            + "daily group's rows, e.g. sum of its sessions feature");
    assertThatThrownBy(() -> parse(header + "    days: 3\n    of: d\n    features:\n"
        + "      - {name: m, aggregation: sum, expression: price}\n"))
        .hasMessageStartingWith("feature group w, feature m, expression at 1:1: unknown field price; declared: c");
    assertThatThrownBy(() -> parse(header + "    days: 0\n    of: d\n    features:\n      - {name: m, aggregation: count}\n"))
        .hasMessage("feature group w: a rolling group needs 'days' from 1 to 366");
    assertThatThrownBy(() -> parse(header + "    days: 3\n    of: nope\n    features:\n      - {name: m, aggregation: count}\n"))
        .hasMessageStartingWith("feature group w: 'of' must name a daily group defined before it");
    assertThatThrownBy(() -> parse(header.replace("entity: user_id\n    grain", "entity: session_id\n    grain")
        + "    days: 3\n    of: d\n    features:\n      - {name: m, aggregation: count}\n"))
        .hasMessage("feature group w: entity must be its daily group's, user_id, not session_id");
  }

  @Test
  void yamlThatIsNotADefinitionIsRefusedWithWhere() {
    assertThatThrownBy(() -> parse("groups:\n  - name: g\n    entity: user_id\n    colour: red\n"))
        .isInstanceOf(FeatureDefinitionException.class)
        .hasMessage("not a feature definition: unknown key groups[0].colour; known: days, entity, features, grain,"
            + " name, of");
    assertThatThrownBy(() -> parse("groups:\n  - name: g\n    days: [1]\n"))
        .hasMessageStartingWith("not a feature definition: at groups[0].days: ");
    assertThatThrownBy(() -> parse("groups: [\n")).hasMessageStartingWith("not YAML: ");
    assertThatThrownBy(() -> parse("groups: []\n")).hasMessage("a feature definition needs a non-empty 'groups' list");
    assertThatThrownBy(() -> parse("groups:\n  - name: g\n    entity: price\n    features:\n      - {name: n, aggregation: count}\n"))
        .hasMessage("feature group g: entity must be a STRING event field, not price");
  }
}
