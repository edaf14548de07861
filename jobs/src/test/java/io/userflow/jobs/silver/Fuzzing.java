package io.userflow.jobs.silver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.Decimal;

/** What must hold for every record the validator sees: the properties the fuzz and random tests check. */
final class Fuzzing {
  static final EventLimits LIMITS = EventLimits.defaults();
  static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");
  static final EventValidator VALIDATOR = new EventValidator(LIMITS);
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private Fuzzing() {}

  /** Exactly one outcome; a reject names a reason other than the validator's own failure; a valid event fits Silver. */
  static EventValidator.Result checkTotal(byte[] raw) {
    EventValidator.Result r = VALIDATOR.validate(raw, RECEIVED);
    assertThat(r.event() == null).as("exactly one of event and reason").isNotEqualTo(r.reason() == null);
    if (r.reason() != null) {
      assertThat(r.reason()).as(r.detail()).isNotEqualTo(RejectReason.VALIDATOR_FAILED);
      assertThat(r.detail()).isNotBlank();
      return r;
    }
    EventValidator.ValidEvent e = r.event();
    assertThat(e.eventTime()).isBetween(LIMITS.eventTimeFloor(), RECEIVED.plus(LIMITS.maxFutureSkew()));
    assertThat(e.eventTime()).isAfterOrEqualTo(RECEIVED.minus(LIMITS.maxEventAge()));
    // Spark stores the values the Silver row carries without calendar shifts and without rounding
    assertThat(DateTimeUtils.fromJavaTimestamp(Timestamp.from(e.eventTime())))
        .isEqualTo(DateTimeUtils.instantToMicros(e.eventTime()));
    java.time.LocalDate date = e.eventTime().atZone(ZoneOffset.UTC).toLocalDate();
    assertThat(DateTimeUtils.fromJavaDate(Date.valueOf(date))).isEqualTo(DateTimeUtils.localDateToDays(date));
    if (e.price() != null) {
      assertThat(e.price().signum()).isNotNegative();
      assertThat(e.price()).isLessThanOrEqualTo(LIMITS.maxPrice());
      Decimal stored = Decimal.apply(e.price());
      assertThat(stored.changePrecision(EventLimits.PRICE_PRECISION, EventLimits.PRICE_SCALE)).isTrue();
      assertThat(stored.toJavaBigDecimal()).isEqualByComparingTo(e.price());
    }
    if (e.quantity() != null) {
      assertThat(e.quantity()).isBetween(1, LIMITS.maxQuantity());
    }
    for (String s : new String[] {e.eventId(), e.userId(), e.sessionHint(), e.productId()}) {
      assertStorable(s, LIMITS.maxIdLength());
    }
    assertStorable(e.page(), LIMITS.maxTextLength());
    assertStorable(e.referrer(), LIMITS.maxTextLength());
    // what was sent, read by a plain parser, is what Silver keeps
    try {
      JsonNode sent = PLAIN.readTree(raw);
      assertThat(e.eventId()).isEqualTo(sent.get("event_id").asText());
      assertThat(e.userId()).isEqualTo(sent.get("user_id").asText());
      assertThat(e.eventTime()).isEqualTo(java.time.OffsetDateTime.parse(sent.get("event_time").asText()).toInstant());
      if (e.price() != null) {
        assertThat(e.price()).isEqualByComparingTo(sent.get("price").decimalValue());
      }
    } catch (java.io.IOException ex) {
      throw new AssertionError("accepted a value a plain parser refuses", ex);
    }
    return r;
  }

  private static void assertStorable(String s, int max) {
    if (s == null) {
      return;
    }
    assertThat(s.codePointCount(0, s.length())).isLessThanOrEqualTo(max);
    assertThat(new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8))
        .as("survives UTF-8").isEqualTo(s);
  }

  /** A valid event by construction is accepted, with every value as sent. */
  static void checkValid(HostileRecords.Valid v) {
    EventValidator.Result r = checkTotal(v.raw());
    assertThat(r.reason()).as("%s: %s", new String(v.raw(), java.nio.charset.StandardCharsets.UTF_8), r.detail()).isNull();
    EventValidator.ValidEvent e = r.event();
    assertThat(e.eventId()).isEqualTo(v.eventId());
    assertThat(e.userId()).isEqualTo(v.userId());
    assertThat(e.eventType()).isEqualTo(v.eventType());
    assertThat(e.eventTime()).isEqualTo(v.eventTime());
    assertThat(e.quantity()).isEqualTo(v.quantity());
    if (v.price() == null) {
      assertThat(e.price()).isNull();
    } else {
      assertThat(e.price()).isEqualByComparingTo(v.price());
    }
  }
}
