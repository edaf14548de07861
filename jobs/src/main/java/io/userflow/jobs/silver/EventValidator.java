package io.userflow.jobs.silver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Validates one raw Bronze value against the event contract (docs/EVENTS.md). Pure and deterministic:
 * the same raw value and ingest time always give the same result, which is what makes an incremental
 * run equal a full rebuild.
 */
public final class EventValidator {
  public static final Set<String> EVENT_TYPES = Set.of("page_view", "product_view", "search", "add_to_cart",
      "remove_from_cart", "purchase", "login", "logout");
  public static final Set<String> DEVICES = Set.of("web", "ios", "android");
  /** Event types whose missing quantity means 1. */
  public static final Set<String> QUANTITY_DEFAULTED = Set.of("add_to_cart", "remove_from_cart", "purchase");
  public static final String UNKNOWN_DEVICE_VALUE = "unknown";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Duration maxFutureSkew;

  public EventValidator(Duration maxFutureSkew) {
    this.maxFutureSkew = maxFutureSkew;
  }

  /** A valid event with defaults filled, or a reject with its reason. Exactly one of the two is set. */
  public record Result(ValidEvent event, RejectReason reason, String detail) {
    static Result reject(RejectReason reason, String detail) {
      return new Result(null, reason, detail);
    }
  }

  /** Typed fields of a valid event. */
  public record ValidEvent(String eventId, String userId, String eventType, Instant eventTime, String sessionHint,
      String page, String productId, Double price, Integer quantity, String device, int schemaVersion,
      String referrer) {}

  /**
   * @param raw the Kafka record value as received
   * @param ingestTime when the pipeline received the record (its Kafka timestamp); events more than the allowed
   *     skew after it are rejected as EVENT_TIME_AFTER_INGEST
   */
  public Result validate(String raw, Instant ingestTime) {
    if (raw == null || raw.isBlank()) {
      return Result.reject(RejectReason.EMPTY_VALUE, "record has no value");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(raw);
    } catch (JsonProcessingException e) {
      return Result.reject(RejectReason.MALFORMED_JSON, firstLine(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      return Result.reject(RejectReason.MALFORMED_JSON, "value is JSON but not an object");
    }
    if (isAbsent(node, "event_id")) {
      return Result.reject(RejectReason.MISSING_EVENT_ID, "event_id is missing or null");
    }
    if (isAbsent(node, "user_id")) {
      return Result.reject(RejectReason.MISSING_USER_ID, "user_id is missing or null");
    }
    if (isAbsent(node, "event_time")) {
      return Result.reject(RejectReason.MISSING_EVENT_TIME, "event_time is missing or null");
    }
    for (String field : new String[] {"event_id", "user_id", "event_time", "event_type", "session_hint", "page",
        "product_id", "device", "referrer"}) {
      if (!isAbsent(node, field) && !node.get(field).isTextual()) {
        return Result.reject(RejectReason.WRONG_FIELD_TYPE, field + " must be a string, got " + node.get(field).getNodeType());
      }
    }
    if (!isAbsent(node, "price") && !node.get("price").isNumber()) {
      return Result.reject(RejectReason.WRONG_FIELD_TYPE, "price must be a number, got " + node.get("price").getNodeType());
    }
    for (String field : new String[] {"quantity", "schema_version"}) {
      if (!isAbsent(node, field) && !(node.get(field).isIntegralNumber() && node.get(field).canConvertToInt())) {
        return Result.reject(RejectReason.WRONG_FIELD_TYPE, field + " must be an integer, got " + node.get(field).getNodeType());
      }
    }
    String eventId = node.get("event_id").asText();
    String userId = node.get("user_id").asText();
    if (eventId.isBlank()) {
      return Result.reject(RejectReason.MISSING_EVENT_ID, "event_id is blank");
    }
    if (userId.isBlank()) {
      return Result.reject(RejectReason.MISSING_USER_ID, "user_id is blank");
    }
    Instant eventTime;
    try {
      eventTime = OffsetDateTime.parse(node.get("event_time").asText()).toInstant();
    } catch (DateTimeParseException e) {
      return Result.reject(RejectReason.UNPARSEABLE_EVENT_TIME, "event_time '" + abbreviate(node.get("event_time").asText()) + "' is not ISO-8601");
    }
    String eventType = text(node, "event_type");
    if (eventType == null || !EVENT_TYPES.contains(eventType)) {
      return Result.reject(RejectReason.UNKNOWN_EVENT_TYPE, "event_type '" + abbreviate(eventType) + "' is not one of " + EVENT_TYPES.size() + " known types");
    }
    int schemaVersion = isAbsent(node, "schema_version") ? 1 : node.get("schema_version").asInt();
    if (schemaVersion != 1 && schemaVersion != 2) {
      return Result.reject(RejectReason.UNSUPPORTED_SCHEMA_VERSION, "schema_version " + schemaVersion + " is not 1 or 2");
    }
    String device = text(node, "device");
    if (device != null && !DEVICES.contains(device)) {
      return Result.reject(RejectReason.UNKNOWN_DEVICE, "device '" + abbreviate(device) + "' is not web, ios or android");
    }
    Double price = isAbsent(node, "price") ? null : node.get("price").asDouble();
    if ("purchase".equals(eventType) && price == null) {
      return Result.reject(RejectReason.MISSING_PURCHASE_AMOUNT, "purchase without price");
    }
    if (ingestTime != null && eventTime.isAfter(ingestTime.plus(maxFutureSkew))) {
      return Result.reject(RejectReason.EVENT_TIME_AFTER_INGEST, "event_time " + eventTime + " is more than "
          + maxFutureSkew.toMinutes() + " min after ingest " + ingestTime);
    }
    Integer quantity = isAbsent(node, "quantity") ? null : node.get("quantity").asInt();
    if (quantity == null && QUANTITY_DEFAULTED.contains(eventType)) {
      quantity = 1;
    }
    return new Result(new ValidEvent(eventId, userId, eventType, eventTime, text(node, "session_hint"),
        text(node, "page"), text(node, "product_id"), price, quantity, device == null ? UNKNOWN_DEVICE_VALUE : device,
        schemaVersion, schemaVersion >= 2 ? text(node, "referrer") : null), null, null);
  }

  private static boolean isAbsent(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull();
  }

  private static String text(JsonNode node, String field) {
    return isAbsent(node, field) ? null : node.get(field).asText();
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unparseable JSON";
    }
    int nl = s.indexOf('\n');
    return "unparseable JSON: " + (nl < 0 ? s : s.substring(0, nl));
  }
}
