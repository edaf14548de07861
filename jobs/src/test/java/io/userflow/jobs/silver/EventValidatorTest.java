package io.userflow.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  private static final Instant INGEST = Instant.parse("2026-11-01T12:00:00Z");
  private final EventValidator validator = new EventValidator(Duration.ofMinutes(5));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EMPTY_VALUE|''",
      "MALFORMED_JSON|{\"event_id\":\"e1\",\"user_id\"",
      "MALFORMED_JSON|[1,2]",
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
}
