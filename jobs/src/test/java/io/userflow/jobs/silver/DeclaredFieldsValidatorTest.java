package io.userflow.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.events.EventDeclaration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Declared event fields: typed values of a valid event, and each rule's reject with a detail naming the field. */
class DeclaredFieldsValidatorTest {
  private static final Instant INGEST = Instant.parse("2026-11-01T12:00:00Z");
  private static final EventDeclaration EVENTS = EventDeclaration.parse("""
      fields:
        - {name: coupon, type: string, maxLength: 8}
        - {name: discount, type: decimal, scale: 2, min: 0, max: 100}
        - {name: items, type: integer, required: true, min: 1, max: 50}
        - {name: gift, type: boolean}
        - {name: shipped_at, type: timestamp}
        - {name: note, type: string}
      types: [purchase, refund]
      """);
  private static final EventValidator VALIDATOR = new EventValidator(EventLimits.defaults(), EVENTS);

  /** A purchase with {@code fields} added (JSON members without braces); items is required. */
  private static String purchase(String fields) {
    return "{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\","
        + "\"price\":1.5" + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  @Test
  void aValidEventCarriesItsDeclaredFieldsTyped() {
    EventValidator.Result r = VALIDATOR.validate(purchase("\"coupon\":\"SAVE10\",\"discount\":12.5,\"items\":3,"
        + "\"gift\":true,\"shipped_at\":\"2026-11-02T08:00:00.123456+01:00\",\"unknown\":1"), INGEST);
    assertThat(r.reason()).as("%s", r.detail()).isNull();
    assertThat(r.event().declared()).isEqualTo(Map.of("coupon", "SAVE10", "discount", new BigDecimal("12.50"),
        "items", 3L, "gift", true, "shipped_at", Instant.parse("2026-11-02T07:00:00.123456Z")));
    assertThat(((BigDecimal) r.event().declared().get("discount")).scale()).isEqualTo(2);
    // optional fields absent or null: left out; an accepted event type of the declaration
    EventValidator.Result refund = VALIDATOR.validate(purchase("\"items\":1,\"coupon\":null")
        .replace("\"purchase\"", "\"refund\""), INGEST);
    assertThat(refund.reason()).isNull();
    assertThat(refund.event().declared()).isEqualTo(Map.of("items", 1L));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      MISSING_REQUIRED_FIELD | ``                                        | items is required but missing or null
      MISSING_REQUIRED_FIELD | `"items":null`                            | items is required but missing or null
      WRONG_FIELD_TYPE       | `"items":"3"`                             | items must be an integer, got STRING
      WRONG_FIELD_TYPE       | `"items":1.5`                             | items must be an integer, got a decimal number
      FIELD_OUT_OF_RANGE     | `"items":0`                               | items 0 is not in [1, 50]
      FIELD_OUT_OF_RANGE     | `"items":99999999999999999999`            | items 99999999999999999999 is not in [1, 50]
      WRONG_FIELD_TYPE       | `"items":1,"coupon":7`                    | coupon must be a string, got NUMBER
      FIELD_TOO_LONG         | `"items":1,"coupon":"123456789"`          | coupon has 9 characters; the limit is 8
      INVALID_TEXT           | `"items":1,"coupon":"a\\ud800"`           | coupon has an unpaired surrogate
      WRONG_FIELD_TYPE       | `"items":1,"discount":"5"`                | discount must be a number, got STRING
      FIELD_OUT_OF_RANGE     | `"items":1,"discount":1.005`              | discount 1.005 has more than 2 decimal places
      FIELD_OUT_OF_RANGE     | `"items":1,"discount":-1`                 | discount -1 is not in [0, 100]
      FIELD_OUT_OF_RANGE     | `"items":1,"discount":100.01`             | discount 100.01 is not in [0, 100]
      WRONG_FIELD_TYPE       | `"items":1,"gift":"yes"`                  | gift must be true or false, got STRING
      WRONG_FIELD_TYPE       | `"items":1,"shipped_at":17`               | shipped_at must be an ISO-8601 date-time string
      UNPARSEABLE_TIMESTAMP  | `"items":1,"shipped_at":"tomorrow"`       | shipped_at 'tomorrow' is not ISO-8601 with an offset
      FIELD_OUT_OF_RANGE     | `"items":1,"shipped_at":"2026-11-02T08:00:00.1234567Z"` | shipped_at 2026-11-02T08:00:00.1234567Z has digits finer than a microsecond
      FIELD_OUT_OF_RANGE     | `"items":1,"shipped_at":"1850-01-01T00:00:00Z"` | shipped_at 1850-01-01T00:00:00Z is outside [1900-01-01T00:00:00Z
      INVALID_TEXT           | `"items":1,"shipped_at":"2026\\u0000"`    | shipped_at has the control character
      """)
  void eachRuleRejectsWithItsReasonNamingTheField(RejectReason reason, String fields, String detail) {
    EventValidator.Result r = VALIDATOR.validate(purchase(fields == null ? "" : fields), INGEST);
    assertThat(r.reason()).as("%s", r.detail()).isEqualTo(reason);
    assertThat(r.detail()).contains(detail);
    assertThat(r.event()).isNull();
  }

  @Test
  void declaredFieldsAreCheckedAfterTodaysContractAndInDeclarationOrder() {
    // a price out of range wins over a missing required field; the first declared field wins over the later
    assertThat(VALIDATOR.validate(purchase("\"price\":-1").replace("\"price\":1.5,", ""), INGEST).reason())
        .isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    assertThat(VALIDATOR.validate(purchase("\"coupon\":\"123456789\",\"items\":0"), INGEST).reason())
        .isEqualTo(RejectReason.FIELD_TOO_LONG);
    // the declaration's event types replace today's
    assertThat(VALIDATOR.validate(purchase("\"items\":1").replace("\"purchase\"", "\"login\""), INGEST).reason())
        .isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
  }

  @Test
  void withoutADeclarationAValueIsTodaysAndHasNoDeclaredFields() {
    String raw = purchase("\"items\":\"not checked\",\"coupon\":7");
    EventValidator.Result today = new EventValidator(EventLimits.defaults()).validate(raw, INGEST);
    assertThat(today).isEqualTo(new EventValidator(EventLimits.defaults(), EventDeclaration.defaults())
        .validate(raw, INGEST));
    assertThat(today.reason()).isNull();
    assertThat(today.event().declared()).isEmpty();
  }

  /** Seeded values for every declared field: each record valid (with values inside the rules) or one reason. */
  @Test
  void seededValuesEachEndWithRuleAbidingValuesOrAReason() {
    String[] values = {"null", "0", "1", "-1", "50", "51", "100", "100.001", "12.34", "1e2", "99999999999999999999999",
        "1.5", "true", "false", "\"\"", "\"SAVE10\"", "\"123456789\"", "\"a\\ud800\"", "\"2026-11-02T08:00:00Z\"",
        "\"2026-11-02T08:00:00.1234567Z\"", "\"1850-01-01T00:00:00Z\"", "\"soon\"", "[1]", "{\"a\":1}"};
    String[] names = {"coupon", "discount", "items", "gift", "shipped_at", "note"};
    // one good value per field, picked half the time so later fields are reached
    String[] good = {"\"SAVE10\"", "12.5", "3", "true", "\"2026-11-02T08:00:00Z\"", "\"x\""};
    java.util.Random random = new java.util.Random(20261207);
    java.util.Set<RejectReason> seen = java.util.EnumSet.noneOf(RejectReason.class);
    int valid = 0;
    for (int i = 0; i < 5_000; i++) {
      StringBuilder fields = new StringBuilder();
      for (int f = 0; f < names.length; f++) {
        if (random.nextInt(3) > 0) {
          fields.append(fields.isEmpty() ? "" : ",").append('"').append(names[f]).append("\":")
              .append(random.nextBoolean() ? good[f] : values[random.nextInt(values.length)]);
        }
      }
      EventValidator.Result r = VALIDATOR.validate(purchase(fields.toString()), INGEST);
      assertThat(r.event() == null).as("exactly one of event and reason").isNotEqualTo(r.reason() == null);
      if (r.reason() != null) {
        assertThat(r.reason()).as(r.detail()).isNotEqualTo(RejectReason.VALIDATOR_FAILED);
        seen.add(r.reason());
        continue;
      }
      valid++;
      Map<String, Object> d = r.event().declared();
      assertThat((Long) d.get("items")).isBetween(1L, 50L);
      if (d.containsKey("discount")) {
        BigDecimal discount = (BigDecimal) d.get("discount");
        assertThat(discount.scale()).isEqualTo(2);
        assertThat(discount).isBetween(BigDecimal.ZERO, new BigDecimal("100"));
      }
      if (d.containsKey("coupon")) {
        assertThat(((String) d.get("coupon")).length()).isLessThanOrEqualTo(8);
      }
      d.forEach((k, v) -> assertThat(v).as(k).isInstanceOfAny(String.class, Long.class, BigDecimal.class,
          Boolean.class, Instant.class));
    }
    assertThat(seen).containsAll(RejectReason.DECLARED_FIELDS_ONLY)
        .contains(RejectReason.WRONG_FIELD_TYPE, RejectReason.FIELD_TOO_LONG, RejectReason.INVALID_TEXT);
    assertThat(valid).isGreaterThan(20);
  }
}
