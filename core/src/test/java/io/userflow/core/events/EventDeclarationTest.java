package io.userflow.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userflow.core.expr.ExprType;
import io.userflow.core.features.FeatureGroups;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading an events section, the refusals naming field and problem, the canonical form, its hash and what needs FULL. */
class EventDeclarationTest {
  private static final String CUSTOM = """
      fields:
        - {name: coupon, type: string, required: false, maxLength: 32}
        - {name: discount, type: decimal, scale: 2, min: 0, max: 1000.00}
        - {name: items, type: integer, required: true, min: 1}
        - {name: gift, type: boolean}
        - {name: shipped_at, type: timestamp}
      types: [purchase, page_view, refund]
      """;

  @Test
  void theDefaultsAreTodaysContract() {
    EventDeclaration d = EventDeclaration.defaults();
    assertThat(d.fields()).isEmpty();
    assertThat(d.eventTypes()).containsExactly("add_to_cart", "login", "logout", "page_view", "product_view",
        "purchase", "remove_from_cart", "search");
    assertThat(d.fieldTypes()).isEqualTo(FeatureGroups.SILVER_FIELDS).hasSize(14)
        .containsEntry("price", ExprType.DECIMAL).containsEntry("session_start", ExprType.TIMESTAMP);
    assertThat(d.isDefault()).isTrue();
    assertThat(EventDeclaration.parse("{}")).isEqualTo(d);
    assertThat(EventDeclaration.parse("fields: []")).isEqualTo(d);
  }

  @Test
  void aCustomSectionIsReadWithItsTypesAndRules() {
    EventDeclaration d = EventDeclaration.parse(CUSTOM);
    assertThat(d.fields()).extracting(DeclaredField::name).containsExactly("coupon", "discount", "items", "gift",
        "shipped_at");
    assertThat(d.field("discount").orElseThrow()).isEqualTo(new DeclaredField("discount", FieldType.DECIMAL, false,
        null, 2, BigDecimal.ZERO, new BigDecimal("1000")));
    assertThat(d.field("items").orElseThrow().required()).isTrue();
    assertThat(d.eventTypes()).containsExactly("page_view", "purchase", "refund");
    assertThat(d.fieldTypes()).containsEntry("coupon", ExprType.STRING).containsEntry("discount", ExprType.DECIMAL)
        .containsEntry("items", ExprType.INTEGER).containsEntry("gift", ExprType.BOOLEAN)
        .containsEntry("shipped_at", ExprType.TIMESTAMP).containsEntry("event_id", ExprType.STRING);
    assertThat(d.fieldTypes().keySet()).endsWith("coupon", "discount", "items", "gift", "shipped_at");
    assertThat(d.isDefault()).isFalse();
  }

  @Test
  void theCanonicalJsonIsStableAndReadsBack() {
    EventDeclaration d = EventDeclaration.parse(CUSTOM);
    assertThat(d.toJson()).isEqualTo("{\"fields\":[{\"name\":\"coupon\",\"type\":\"string\",\"required\":false,"
        + "\"maxLength\":32},{\"name\":\"discount\",\"type\":\"decimal\",\"required\":false,\"scale\":2,\"min\":0,"
        + "\"max\":1000},{\"name\":\"items\",\"type\":\"integer\",\"required\":true,\"min\":1},{\"name\":\"gift\","
        + "\"type\":\"boolean\",\"required\":false},{\"name\":\"shipped_at\",\"type\":\"timestamp\",\"required\":false}],"
        + "\"types\":[\"page_view\",\"purchase\",\"refund\"]}");
    assertThat(EventDeclaration.parse(d.toJson())).isEqualTo(d);
    assertThat(EventDeclaration.parse(d.toJson()).toJson()).isEqualTo(d.toJson());
    // the same rules written differently: the same declaration, the same hash
    EventDeclaration same = EventDeclaration.parse(CUSTOM.replace("max: 1000.00", "max: 1e3")
        .replace("[purchase, page_view, refund]", "[refund, purchase, page_view]"));
    assertThat(same.hash()).isEqualTo(d.hash()).hasSize(16);
    assertThat(EventDeclaration.parse(CUSTOM.replace("maxLength: 32", "maxLength: 33")).hash()).isNotEqualTo(d.hash());
    assertThat(EventDeclaration.defaults().hash()).isNotEqualTo(d.hash());
    assertThat(EventDeclaration.defaults().toJson()).isEqualTo("{\"fields\":[],\"types\":[\"add_to_cart\",\"login\","
        + "\"logout\",\"page_view\",\"product_view\",\"purchase\",\"remove_from_cart\",\"search\"]}");
  }

  @Test
  void aSectionInsideALargerDefinitionIsReadFromItsTree() throws Exception {
    com.fasterxml.jackson.databind.JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree("events:\n"
        + CUSTOM.indent(2) + "features: {}\n");
    assertThat(EventDeclaration.fromJson(file.get("events"))).isEqualTo(EventDeclaration.parse(CUSTOM));
    assertThatThrownBy(() -> EventDeclaration.fromJson(file)).isInstanceOf(EventDeclarationException.class)
        .hasMessageContaining("unknown key events");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      fields: [{name: coupon, type: string, colour: red}]        | unknown key fields[0].colour
      typez: [a]                                                  | unknown key typez
      fields: [{name: Coupon, type: string}]                      | fields[0]: name Coupon is not a lower-case identifier
      fields: [{name: price, type: decimal, scale: 2}]            | event field price: the name is one of Silver's own columns
      fields: [{name: kafka_offset, type: integer}]               | event field kafka_offset: the name is one of Silver's own
      fields: [{name: a, type: text}]                             | event field a: unknown type text; known: string, integer, decimal, boolean, timestamp
      fields: [{name: a, type: string}, {name: a, type: integer}] | event field a: declared twice
      fields: [{name: a, type: integer, maxLength: 3}]            | event field a: maxLength is a positive length of a string field
      fields: [{name: a, type: string, maxLength: 0}]             | event field a: maxLength is a positive length
      fields: [{name: a, type: decimal}]                          | event field a: a decimal needs a scale
      fields: [{name: a, type: integer, scale: 2}]                | event field a: scale belongs to a decimal field
      fields: [{name: a, type: decimal, scale: 19}]               | event field a: scale must lie in [0, 18], not 19
      fields: [{name: a, type: boolean, min: 0}]                  | event field a: min and max bound an integer or decimal field, not a boolean
      fields: [{name: a, type: integer, min: 1.5}]                | event field a: bound 1.5 is not a 64-bit integer
      fields: [{name: a, type: integer, max: 9223372036854775808}] | event field a: bound 9223372036854775808 is not a 64-bit integer
      fields: [{name: a, type: decimal, scale: 2, min: 0.001}]    | event field a: bound 0.001 does not fit DECIMAL(38, 2)
      fields: [{name: a, type: integer, min: 5, max: 4}]          | event field a: min 5 is above max 4
      fields: [{name: a, type: string, required: maybe}]          | at fields[0].required
      types: []                                                   | types: at least one event type must be accepted
      types: [a, a]                                               | types: a is listed twice
      'fields: [ {name: a'                                        | not YAML or JSON
      """)
  void aBadSectionIsRefusedWithWhereAndWhat(String yaml, String message) {
    assertThatThrownBy(() -> EventDeclaration.parse(yaml)).isInstanceOf(EventDeclarationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void onlyAChangedFieldOrChangedTypesNeedAFullRebuild() {
    EventDeclaration before = EventDeclaration.parse(CUSTOM);
    assertThat(before.rebuildReason(before)).isEmpty();
    // a field added or removed: no rebuild (earlier rows null; the removed field's column is kept)
    assertThat(EventDeclaration.parse(CUSTOM + "  # \n").rebuildReason(before)).isEmpty();
    EventDeclaration added = EventDeclaration.parse(CUSTOM.replace("fields:\n", "fields:\n  - {name: n, type: integer}\n"));
    assertThat(added.rebuildReason(before)).isEmpty();
    assertThat(before.rebuildReason(added)).isEmpty();
    assertThat(EventDeclaration.parse(CUSTOM.replace("maxLength: 32", "maxLength: 64")).rebuildReason(before))
        .contains("field coupon changed from string optional maxLength 32 to string optional maxLength 64");
    assertThat(EventDeclaration.parse(CUSTOM.replace("type: boolean", "type: string")).rebuildReason(before))
        .contains("field gift changed from boolean optional to string optional");
    assertThat(EventDeclaration.parse(CUSTOM.replace("scale: 2", "scale: 3")).rebuildReason(before)).get()
        .asString().contains("field discount changed from decimal(scale 2) optional min 0 max 1000 to decimal(scale 3)");
    assertThat(EventDeclaration.parse(CUSTOM.replace("refund]", "refund, chargeback]")).rebuildReason(before))
        .contains("accepted event types changed, added chargeback");
    assertThat(EventDeclaration.defaults().rebuildReason(before)).get().asString()
        .startsWith("accepted event types changed, added add_to_cart");
  }
}
