package io.userflow.jobs.silver;

import io.userflow.core.contract.JobOptions;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The range and size rules of the event contract (docs/EVENTS.md), with their defaults. A record outside them is
 * rejected with a reason; inside them every value fits the Silver and Gold types exactly, so no valid row can make
 * a later stage fail.
 *
 * @param maxRecordBytes largest record value in bytes
 * @param maxIdLength longest event_id, user_id, product_id and session_hint, in characters
 * @param maxTextLength longest page and referrer, in characters
 * @param eventTimeFloor earliest event_time accepted
 * @param maxEventAge how far event_time may lie before the time the record was received; null: no limit
 * @param maxFutureSkew how far event_time may lie after the time the record was received
 * @param maxPrice highest price accepted (prices are also at least 0, with at most {@link #PRICE_SCALE} decimals)
 * @param maxQuantity highest quantity accepted (quantities are at least 1)
 */
public record EventLimits(int maxRecordBytes, int maxIdLength, int maxTextLength, Instant eventTimeFloor,
    Duration maxEventAge, Duration maxFutureSkew, BigDecimal maxPrice, int maxQuantity) implements Serializable {
  /** Decimal places Silver keeps of a price: DECIMAL(18, 4). */
  public static final int PRICE_SCALE = 4;
  /** Digits Silver keeps of a price. */
  public static final int PRICE_PRECISION = 18;
  /** The highest price a pipeline may allow: what DECIMAL(18, 4) holds. */
  public static final BigDecimal PRICE_CEILING = new BigDecimal("99999999999999.9999");
  /** Quantities a pipeline may allow: what keeps price × quantity summed over any day inside Gold's DECIMAL(38, 4). */
  public static final int QUANTITY_CEILING = 1_000_000;
  /**
   * No pipeline may accept events before this: earlier instants are stored differently by the Julian and the
   * Gregorian calendar (Spark rebases them), and behaviour data from then is a bug, not a late event.
   */
  public static final Instant FLOOR_LOWEST = Instant.parse("1900-01-01T00:00:00Z");
  /** No event after this is accepted, whatever the record's timestamp: four-digit years only. */
  public static final Instant CEILING = Instant.parse("9999-12-31T23:59:59.999999Z");

  public EventLimits {
    if (maxRecordBytes < 64 || maxIdLength < 1 || maxTextLength < 1) {
      throw new IllegalArgumentException("record and field length limits must be at least 64 bytes and 1 character");
    }
    if (eventTimeFloor.isBefore(FLOOR_LOWEST)) {
      throw new IllegalArgumentException("the event-time floor " + eventTimeFloor + " is before " + FLOOR_LOWEST);
    }
    if (maxEventAge != null && (maxEventAge.isNegative() || maxEventAge.isZero())) {
      throw new IllegalArgumentException("the largest event age must be positive");
    }
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("the future skew must not be negative");
    }
    if (maxPrice.signum() < 0 || maxPrice.compareTo(PRICE_CEILING) > 0) {
      throw new IllegalArgumentException("the price limit must lie in [0, " + PRICE_CEILING.toPlainString() + "]");
    }
    if (maxQuantity < 1 || maxQuantity > QUANTITY_CEILING) {
      throw new IllegalArgumentException("the quantity limit must lie in [1, " + QUANTITY_CEILING + "]");
    }
  }

  public static EventLimits defaults() {
    return new EventLimits(JobOptions.MAX_RECORD_BYTES_DEFAULT, JobOptions.MAX_ID_LENGTH_DEFAULT,
        JobOptions.MAX_TEXT_LENGTH_DEFAULT, Instant.parse(JobOptions.EVENT_TIME_FLOOR_DEFAULT),
        Duration.ofDays(JobOptions.MAX_EVENT_AGE_DAYS_DEFAULT), Duration.ofMinutes(JobOptions.MAX_FUTURE_SKEW_MINUTES_DEFAULT),
        new BigDecimal(JobOptions.MAX_PRICE_DEFAULT), JobOptions.MAX_QUANTITY_DEFAULT);
  }

  public EventLimits withMaxFutureSkew(Duration v) {
    return new EventLimits(maxRecordBytes, maxIdLength, maxTextLength, eventTimeFloor, maxEventAge, v, maxPrice,
        maxQuantity);
  }

  public EventLimits withMaxEventAge(Duration v) {
    return new EventLimits(maxRecordBytes, maxIdLength, maxTextLength, eventTimeFloor, v, maxFutureSkew, maxPrice,
        maxQuantity);
  }
}
