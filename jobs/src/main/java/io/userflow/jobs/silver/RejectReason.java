package io.userflow.jobs.silver;

/**
 * Why a Bronze record did not become a Silver event. Checked in this order; the first failing check wins.
 * docs/EVENTS.md lists each with its limit; {@link EventLimits} holds the limits.
 */
public enum RejectReason {
  /** The Kafka record had no value, or only whitespace. */
  EMPTY_VALUE,
  /** The value is longer than the record size limit. */
  RECORD_TOO_LARGE,
  /** The value is not valid UTF-8 (it is never decoded with replacement characters). */
  INVALID_UTF8,
  /**
   * The value is not one JSON object: unparseable, cut off, trailing content, a repeated field name, nesting or a
   * number too long for the parser's limits.
   */
  MALFORMED_JSON,
  MISSING_EVENT_ID,
  MISSING_USER_ID,
  MISSING_EVENT_TIME,
  /** A field has the wrong JSON type (e.g. price "abc", quantity "two", quantity 1.5, user_id 42). */
  WRONG_FIELD_TYPE,
  /** A string field is longer than its limit. */
  FIELD_TOO_LONG,
  /** A string field holds text that cannot be stored as sent: an unpaired surrogate, or a control character in an id. */
  INVALID_TEXT,
  /** event_time is not ISO-8601 with an offset or Z. */
  UNPARSEABLE_EVENT_TIME,
  /** event_time has non-zero digits finer than a microsecond, which Silver's timestamps cannot hold. */
  EVENT_TIME_TOO_PRECISE,
  /** event_time is before the pipeline's floor date or after year 9999. */
  EVENT_TIME_OUT_OF_RANGE,
  /** event_type is missing or not one of the known types. */
  UNKNOWN_EVENT_TYPE,
  /** schema_version is not 1 or 2. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** device is not web, ios or android. */
  UNKNOWN_DEVICE,
  /** A purchase without a price. */
  MISSING_PURCHASE_AMOUNT,
  /** price is negative, above the limit, or has more than four decimal places. */
  PRICE_OUT_OF_RANGE,
  /** quantity is below 1 or above the limit. */
  QUANTITY_OUT_OF_RANGE,
  /** event_time is more than the allowed skew after the time the record was received. */
  EVENT_TIME_AFTER_INGEST,
  /** event_time is more than the allowed age before the time the record was received. */
  EVENT_TIME_TOO_OLD,
  /** A declared field marked required is absent or null (docs/EVENTS.md, "Declaring event fields"). */
  MISSING_REQUIRED_FIELD,
  /** A declared timestamp field is not an ISO-8601 date-time with an offset or Z. */
  UNPARSEABLE_TIMESTAMP,
  /**
   * A declared number or timestamp field is outside its rules: below min, above max, more decimal places than its
   * scale, too many digits for its column, or (timestamps) finer than a microsecond or outside 1900..9999.
   */
  FIELD_OUT_OF_RANGE,
  /** The validator itself failed on the record: a bug, reported with the record kept (the tests assert it never happens). */
  VALIDATOR_FAILED;

  /** The reasons only a declared field can give: with today's contract no record has them. */
  public static final java.util.Set<RejectReason> DECLARED_FIELDS_ONLY = java.util.Collections.unmodifiableSet(
      java.util.EnumSet.of(MISSING_REQUIRED_FIELD, UNPARSEABLE_TIMESTAMP, FIELD_OUT_OF_RANGE));
}
