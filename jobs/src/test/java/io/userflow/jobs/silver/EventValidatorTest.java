package io.userflow.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  private static final Instant INGEST = Instant.parse("2026-11-01T12:00:00Z");
  private final EventValidator validator = new EventValidator(EventLimits.defaults());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EMPTY_VALUE|''",
      "MALFORMED_JSON|{\"event_id\":\"e1\",\"user_id\"",
      "MALFORMED_JSON|[1,2]",
      "MALFORMED_JSON|1e10444444400",
      "MALFORMED_JSON|{\"event_id\":\"e\",\"price\":1e10444444400}",
      "MISSING_EVENT_ID|{\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\"}",
      "MISSING_USER_ID|{\"event_id\":\"e\",\"user_id\":null,\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\"}",
      "MISSING_EVENT_TIME|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\"}",
      "WRONG_FIELD_TYPE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":\"abc\"}",
      "WRONG_FIELD_TYPE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"add_to_cart\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"quantity\":\"two\"}",
      "WRONG_FIELD_TYPE|{\"event_id\":\"e\",\"user_id\":42,\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\"}",
      "UNPARSEABLE_EVENT_TIME|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"yesterday\"}",
      "UNKNOWN_EVENT_TYPE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"teleport\",\"event_time\":\"2026-11-01T10:00:00.000Z\"}",
      "UNSUPPORTED_SCHEMA_VERSION|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"schema_version\":7}",
      "UNKNOWN_DEVICE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"device\":\"fridge\"}",
      "MISSING_PURCHASE_AMOUNT|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\"}",
      "EMPTY_VALUE|' \t\n '",
      "MALFORMED_JSON|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"user_id\":\"v\"}",
      "MALFORMED_JSON|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\"} {}",
      "MALFORMED_JSON|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      "MALFORMED_JSON|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":NaN}",
      "WRONG_FIELD_TYPE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"add_to_cart\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"quantity\":1.5}",
      "WRONG_FIELD_TYPE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"page\":{\"a\":1}}",
      "FIELD_TOO_LONG|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"product_id\":\"ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp\"}",
      "INVALID_TEXT|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"session_hint\":\"a\\ud800b\"}",
      "INVALID_TEXT|{\"event_id\":\"e\\u0000\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\"}",
      "UNPARSEABLE_EVENT_TIME|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00\"}",
      "EVENT_TIME_TOO_PRECISE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.123456789Z\"}",
      "EVENT_TIME_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"1582-10-04T10:00:00.000Z\"}",
      "EVENT_TIME_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"1999-12-31T23:59:59.999Z\"}",
      "EVENT_TIME_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"+292278994-08-17T07:12:55.807Z\"}",
      "UNSUPPORTED_SCHEMA_VERSION|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"schema_version\":99999999999999999999}",
      "PRICE_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":-0.01}",
      "PRICE_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":1e30}",
      "PRICE_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":1000000.01}",
      "PRICE_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":19.99001}",
      "QUANTITY_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":1,\"quantity\":0}",
      "QUANTITY_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":1,\"quantity\":-3}",
      "QUANTITY_OUT_OF_RANGE|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.000Z\",\"price\":1,\"quantity\":3000000000}",
      "EVENT_TIME_TOO_OLD|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2025-10-31T11:59:59.999Z\"}",
      "EVENT_TIME_AFTER_INGEST|{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2026-11-01T12:05:00.001Z\"}",
  })
  void rejectsWithReason(RejectReason expected, String raw) {
    EventValidator.Result result = validator.validate(raw, INGEST);
    assertThat(result.event()).isNull();
    assertThat(result.reason()).isEqualTo(expected);
    assertThat(result.detail()).isNotBlank();
  }

  @Test
  void fillsDefaultsAndKeepsV2Referrer() {
    EventValidator.Result cart = validator.validate("{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"add_to_cart\","
        + "\"event_time\":\"2026-11-01T12:04:59.999Z\",\"schema_version\":2,\"referrer\":\"ad\",\"extra\":1}", INGEST);
    assertThat(cart.reason()).isNull();
    assertThat(cart.event().device()).isEqualTo("unknown");
    assertThat(cart.event().quantity()).isEqualTo(1);
    assertThat(cart.event().referrer()).isEqualTo("ad");
    assertThat(cart.event().schemaVersion()).isEqualTo(2);

    EventValidator.Result view = validator.validate("{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"page_view\","
        + "\"event_time\":\"2026-11-01T10:00:00+01:00\",\"referrer\":\"ignored in v1\"}", INGEST);
    assertThat(view.event().quantity()).isNull();
    assertThat(view.event().referrer()).isNull();
    assertThat(view.event().eventTime()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
  }

  @Test
  void keepsValuesExactly() {
    EventValidator.Result buy = validator.validate("{\"event_id\":\"e\u00e9\ud83d\ude00\",\"user_id\":\"u\","
        + "\"event_type\":\"purchase\",\"event_time\":\"2026-11-01T10:00:00.123456Z\",\"price\":19.99,"
        + "\"quantity\":3,\"page\":\"/p?q=\\n\"}", INGEST);
    assertThat(buy.reason()).isNull();
    assertThat(buy.event().eventId()).isEqualTo("e\u00e9\ud83d\ude00");
    assertThat(buy.event().eventTime()).isEqualTo(Instant.parse("2026-11-01T10:00:00.123456Z"));
    assertThat(buy.event().price()).isEqualByComparingTo("19.99").hasScaleOf(EventLimits.PRICE_SCALE);
    assertThat(buy.event().page()).isEqualTo("/p?q=\n");
    assertThat(validator.validate("{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"purchase\","
        + "\"event_time\":\"2026-11-01T10:00:00Z\",\"price\":1000000}", INGEST).event().price())
        .isEqualByComparingTo("1000000");
  }

  @Test
  void rejectsInvalidUtf8InsteadOfReplacingIt() {
    byte[] raw = ("{\"event_id\":\"e\",\"user_id\":\"u\u00ff\",\"event_type\":\"login\","
        + "\"event_time\":\"2026-11-01T10:00:00Z\"}").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(validator.validate(raw, INGEST).reason()).isEqualTo(RejectReason.INVALID_UTF8);
  }

  @Test
  void rejectsARecordOverTheSizeLimit() {
    String big = "{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":"
        + "\"2026-11-01T10:00:00Z\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
    EventValidator.Result result = validator.validate(big, INGEST);
    assertThat(result.reason()).isEqualTo(RejectReason.RECORD_TOO_LARGE);
    assertThat(result.detail()).contains("65536");
  }

  @Test
  void aPipelineCanAllowAnyAge() {
    String old = "{\"event_id\":\"e\",\"user_id\":\"u\",\"event_type\":\"login\",\"event_time\":\"2001-01-01T00:00:00Z\"}";
    assertThat(new EventValidator(EventLimits.defaults().withMaxEventAge(null)).validate(old, INGEST).reason()).isNull();
    assertThat(validator.validate(old, INGEST).reason()).isEqualTo(RejectReason.EVENT_TIME_TOO_OLD);
  }
}
