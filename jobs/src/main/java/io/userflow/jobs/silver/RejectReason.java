package io.userflow.jobs.silver;

/** Why a Bronze record did not become a Silver event. Checked in this order; the first failing check wins. */
public enum RejectReason {
  /** The Kafka record had no value. */
  EMPTY_VALUE,
  /** The value is not a JSON object. */
  MALFORMED_JSON,
  MISSING_EVENT_ID,
  MISSING_USER_ID,
  MISSING_EVENT_TIME,
  /** A field has the wrong JSON type (e.g. price "abc", quantity "two", user_id 42). */
  WRONG_FIELD_TYPE,
  /** event_time is not ISO-8601 with an offset or Z. */
  UNPARSEABLE_EVENT_TIME,
  /** event_type is missing or not one of the known types. */
  UNKNOWN_EVENT_TYPE,
  /** schema_version is not 1 or 2. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** device is not web, ios or android. */
  UNKNOWN_DEVICE,
  /** A purchase without a price. */
  MISSING_PURCHASE_AMOUNT,
  /** event_time is more than the allowed skew after the time Bronze ingested the record. */
  EVENT_TIME_AFTER_INGEST
}
