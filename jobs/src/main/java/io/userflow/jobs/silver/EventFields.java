package io.userflow.jobs.silver;

import static io.userflow.jobs.silver.EventValidator.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import io.userflow.core.events.EventDeclaration;
import io.userflow.jobs.silver.EventValidator.Result;
import io.userflow.jobs.silver.EventValidator.ValidEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The checks on one parsed JSON object, in {@link RejectReason} order; see {@link EventValidator}. */
record EventFields(JsonNode node, EventLimits limits, EventDeclaration events) {
  Result check(Instant received) {
    if (isAbsent("event_id")) {
      return Result.reject(RejectReason.MISSING_EVENT_ID, "event_id is missing or null");
    }
    if (isAbsent("user_id")) {
      return Result.reject(RejectReason.MISSING_USER_ID, "user_id is missing or null");
    }
    if (isAbsent("event_time")) {
      return Result.reject(RejectReason.MISSING_EVENT_TIME, "event_time is missing or null");
    }
    Result types = checkTypes();
    if (types != null) {
      return types;
    }
    Result texts = checkTexts();
    if (texts != null) {
      return texts;
    }
    String eventId = text("event_id");
    String userId = text("user_id");
    if (eventId.isBlank()) {
      return Result.reject(RejectReason.MISSING_EVENT_ID, "event_id is blank");
    }
    if (userId.isBlank()) {
      return Result.reject(RejectReason.MISSING_USER_ID, "user_id is blank");
    }
    Instant eventTime;
    try {
      eventTime = OffsetDateTime.parse(text("event_time")).toInstant();
    } catch (DateTimeException e) {
      return Result.reject(RejectReason.UNPARSEABLE_EVENT_TIME, "event_time '" + abbreviate(text("event_time"))
          + "' is not ISO-8601 with an offset");
    }
    if (eventTime.getNano() % 1_000 != 0) {
      return Result.reject(RejectReason.EVENT_TIME_TOO_PRECISE, "event_time " + text("event_time")
          + " has digits finer than a microsecond");
    }
    if (eventTime.isBefore(limits.eventTimeFloor()) || eventTime.isAfter(EventLimits.CEILING)) {
      return Result.reject(RejectReason.EVENT_TIME_OUT_OF_RANGE, "event_time " + eventTime + " is outside ["
          + limits.eventTimeFloor() + ", " + EventLimits.CEILING + "]");
    }
    String eventType = text("event_type");
    if (eventType == null || !events.eventTypes().contains(eventType)) {
      return Result.reject(RejectReason.UNKNOWN_EVENT_TYPE, "event_type '" + abbreviate(eventType) + "' is not one of "
          + events.eventTypes().size() + " known types");
    }
    BigInteger version = isAbsent("schema_version") ? BigInteger.ONE : node.get("schema_version").bigIntegerValue();
    if (!version.equals(BigInteger.ONE) && !version.equals(BigInteger.TWO)) {
      return Result.reject(RejectReason.UNSUPPORTED_SCHEMA_VERSION, "schema_version " + abbreviate(version.toString())
          + " is not 1 or 2");
    }
    String device = text("device");
    if (device != null && !EventValidator.DEVICES.contains(device)) {
      return Result.reject(RejectReason.UNKNOWN_DEVICE, "device '" + abbreviate(device) + "' is not web, ios or android");
    }
    if ("purchase".equals(eventType) && isAbsent("price")) {
      return Result.reject(RejectReason.MISSING_PURCHASE_AMOUNT, "purchase without price");
    }
    BigDecimal price = isAbsent("price") ? null : node.get("price").decimalValue();
    if (price != null && (price.signum() < 0 || price.compareTo(limits.maxPrice()) > 0
        || price.stripTrailingZeros().scale() > EventLimits.PRICE_SCALE)) {
      return Result.reject(RejectReason.PRICE_OUT_OF_RANGE, "price " + abbreviate(price.toString()) + " is not in [0, "
          + limits.maxPrice().toPlainString() + "] with at most " + EventLimits.PRICE_SCALE + " decimal places");
    }
    BigInteger quantity = isAbsent("quantity") ? null : node.get("quantity").bigIntegerValue();
    if (quantity != null && (quantity.signum() < 1 || quantity.compareTo(BigInteger.valueOf(limits.maxQuantity())) > 0)) {
      return Result.reject(RejectReason.QUANTITY_OUT_OF_RANGE, "quantity " + abbreviate(quantity.toString())
          + " is not in [1, " + limits.maxQuantity() + "]");
    }
    Result window = checkReceived(eventTime, received);
    if (window != null) {
      return window;
    }
    DeclaredValues declared = DeclaredValues.read(node, events, limits);
    if (declared.reject() != null) {
      return declared.reject();
    }
    Integer qty = quantity != null ? Integer.valueOf(quantity.intValue())
          : EventValidator.QUANTITY_DEFAULTED.contains(eventType) ? Integer.valueOf(1) : null;
    int schemaVersion = version.intValue();
    return new Result(new ValidEvent(eventId, userId, eventType, eventTime, text("session_hint"), text("page"),
        text("product_id"), price == null ? null : price.setScale(EventLimits.PRICE_SCALE),
        qty, device == null ? EventValidator.UNKNOWN_DEVICE_VALUE : device, schemaVersion,
        schemaVersion >= 2 ? text("referrer") : null, declared.values()), null, null);
  }

  private Result checkTypes() {
    for (String field : EventValidator.ID_FIELDS) {
      if (!isAbsent(field) && !node.get(field).isTextual()) {
        return wrongType(field, "a string");
      }
    }
    for (String field : EventValidator.TEXT_FIELDS) {
      if (!isAbsent(field) && !node.get(field).isTextual()) {
        return wrongType(field, "a string");
      }
    }
    if (!isAbsent("price") && !node.get("price").isNumber()) {
      return wrongType("price", "a number");
    }
    for (String field : new String[] {"quantity", "schema_version"}) {
      if (!isAbsent(field) && !node.get(field).isIntegralNumber()) {
        return wrongType(field, "an integer");
      }
    }
    return null;
  }

  private Result wrongType(String field, String expected) {
    JsonNode v = node.get(field);
    return Result.reject(RejectReason.WRONG_FIELD_TYPE, field + " must be " + expected + ", got "
        + (v.isNumber() && !v.isIntegralNumber() ? "a decimal number" : v.getNodeType().toString()));
  }

  private Result checkTexts() {
    for (String field : EventValidator.ID_FIELDS) {
      Result r = checkText(field, limits.maxIdLength(), true);
      if (r != null) {
        return r;
      }
    }
    for (String field : EventValidator.TEXT_FIELDS) {
      Result r = checkText(field, limits.maxTextLength(), false);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private Result checkText(String field, int maxLength, boolean id) {
    return checkText(field, text(field), maxLength, id);
  }

  /** Length, then text UTF-8 can store; an id also holds no control character. Null: {@code s} passes. */
  static Result checkText(String field, String s, int maxLength, boolean id) {
    if (s == null) {
      return null;
    }
    int length = s.codePointCount(0, s.length());
    if (length > maxLength) {
      return Result.reject(RejectReason.FIELD_TOO_LONG, field + " has " + length + " characters; the limit is " + maxLength);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Result.reject(RejectReason.INVALID_TEXT, field + " has an unpaired surrogate \\u"
            + Integer.toHexString(c) + " at character " + i + ", which UTF-8 cannot store");
      } else if (id && Character.isISOControl(c)) {
        return Result.reject(RejectReason.INVALID_TEXT, field + " has the control character \\u"
            + String.format("%04x", (int) c) + " at character " + i);
      }
    }
    return null;
  }

  private Result checkReceived(Instant eventTime, Instant received) {
    if (received == null) {
      return null;
    }
    if (eventTime.isAfter(received.plus(limits.maxFutureSkew()))) {
      return Result.reject(RejectReason.EVENT_TIME_AFTER_INGEST, "event_time " + eventTime + " is more than "
          + limits.maxFutureSkew().toMinutes() + " min after the record's time " + received);
    }
    if (limits.maxEventAge() != null && eventTime.isBefore(received.minus(limits.maxEventAge()))) {
      return Result.reject(RejectReason.EVENT_TIME_TOO_OLD, "event_time " + eventTime + " is more than "
          + limits.maxEventAge().toDays() + " days before the record's time " + received);
    }
    return null;
  }

  private boolean isAbsent(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull();
  }

  private String text(String field) {
    return isAbsent(field) ? null : node.get(field).asText();
  }
}
