package io.userflow.devkit.simulator;

/**
 * What the simulator did to one record. Every record carries exactly one kind, so per-kind counts add up to
 * the record count and can be compared one-to-one with Silver's reject reasons.
 */
public enum FaultKind {
  /** A clean event. */
  NONE(true),
  /** A clean event in schema version 2, with {@code referrer}. */
  SCHEMA_V2(true),
  /** A clean event sent hours or days after its event_time. */
  LATE(true),
  /** A clean event sent after the next event of its session (itself clean, v1 or v2). */
  OUT_OF_ORDER(true),
  /** A byte-identical re-send of an earlier valid record (same key, same value), immediately or minutes later. */
  DUPLICATE(true),
  /** {@code event_id} absent or JSON null. */
  MISSING_EVENT_ID(false),
  /** {@code user_id} absent or JSON null (the Kafka key is then null too). */
  MISSING_USER_ID(false),
  /** {@code event_time} absent or JSON null. */
  MISSING_EVENT_TIME(false),
  /** {@code price} as a non-numeric string ("abc") or {@code quantity} as a word ("two"). */
  WRONG_TYPE(false),
  /** A JSON object cut off before its end. */
  MALFORMED_JSON(false),
  /** {@code event_type} outside the contract's list. */
  UNKNOWN_EVENT_TYPE(false),
  /** {@code event_time} present but not an ISO-8601 instant. */
  BAD_EVENT_TIME(false),
  /** A purchase without {@code price}. */
  PURCHASE_WITHOUT_PRICE(false),
  /** {@code event_time} more than 5 minutes after the send time (the Kafka record timestamp). */
  FUTURE_EVENT_TIME(false);

  private final boolean valid;

  FaultKind(boolean valid) {
    this.valid = valid;
  }

  /** True if the record is a valid event under the contract (a duplicate is valid but must be dropped). */
  public boolean valid() {
    return valid;
  }

  /** True if Silver must reject the record (it breaks the contract). */
  public boolean rejected() {
    return !valid;
  }
}
