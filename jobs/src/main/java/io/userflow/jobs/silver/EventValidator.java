package io.userflow.jobs.silver;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.userflow.core.events.EventDeclaration;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Validates one raw Bronze value against the event contract (docs/EVENTS.md) and its {@link EventLimits}. Pure and
 * deterministic: the same bytes and receive time always give the same result, which is what makes an incremental
 * run equal a full rebuild. Total: every input, whatever its bytes, gives a valid event or a reject with a reason.
 */
public final class EventValidator {
  /** Today's event types: those of the default declaration. */
  public static final Set<String> EVENT_TYPES = EventDeclaration.DEFAULT_EVENT_TYPES;
  public static final Set<String> DEVICES = Set.of("web", "ios", "android");
  /** Event types whose missing quantity means 1. */
  public static final Set<String> QUANTITY_DEFAULTED = Set.of("add_to_cart", "remove_from_cart", "purchase");
  public static final String UNKNOWN_DEVICE_VALUE = "unknown";
  /** Fields held to {@link EventLimits#maxIdLength()}, in which control characters are refused. */
  static final String[] ID_FIELDS = {"event_id", "user_id", "event_time", "event_type", "session_hint", "product_id",
      "device"};
  /** Free-text fields held to {@link EventLimits#maxTextLength()}. */
  static final String[] TEXT_FIELDS = {"page", "referrer"};
  /** Deepest nesting accepted in unknown fields; the contract's own fields are flat. */
  static final int MAX_NESTING = 32;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).maxNumberLength(64).build())
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final EventLimits limits;
  private final EventDeclaration events;

  public EventValidator(EventLimits limits) {
    this(limits, EventDeclaration.defaults());
  }

  /** Validates against {@code events}: its accepted event types, then its declared fields (checked last). */
  public EventValidator(EventLimits limits, EventDeclaration events) {
    this.limits = limits;
    this.events = events;
  }

  /** A valid event with defaults filled, or a reject with its reason. Exactly one of the two is set. */
  public record Result(ValidEvent event, RejectReason reason, String detail) {
    static Result reject(RejectReason reason, String detail) {
      return new Result(null, reason, detail);
    }
  }

  /**
   * Typed fields of a valid event; price has scale {@link EventLimits#PRICE_SCALE}. {@code declared} holds the
   * declared fields the event has, by name: a String, Long, BigDecimal (at the field's scale), Boolean or Instant.
   */
  public record ValidEvent(String eventId, String userId, String eventType, Instant eventTime, String sessionHint,
      String page, String productId, BigDecimal price, Integer quantity, String device, int schemaVersion,
      String referrer, Map<String, Object> declared) {}

  /** The same as {@link #validate(byte[], Instant)} on the UTF-8 bytes of {@code raw}. */
  public Result validate(String raw, Instant received) {
    return validate(raw == null ? null : raw.getBytes(StandardCharsets.UTF_8), received);
  }

  /**
   * @param raw the Kafka record value as received, byte for byte
   * @param received when the pipeline received the record (its Kafka timestamp); the event time must lie within the
   *     allowed skew after it and the allowed age before it. Null skips those two checks.
   */
  public Result validate(byte[] raw, Instant received) {
    try {
      return check(raw, received);
    } catch (RuntimeException | StackOverflowError e) {
      // a bug here must not stop the stage on every rerun: the record is kept as a reject that names the failure
      return Result.reject(RejectReason.VALIDATOR_FAILED, "the validator failed on this record (" + e
          + "); please report it with the record's Kafka coordinates");
    }
  }

  private Result check(byte[] raw, Instant received) {
    if (raw == null || isBlank(raw)) {
      return Result.reject(RejectReason.EMPTY_VALUE, "record has no value");
    }
    if (raw.length > limits.maxRecordBytes()) {
      return Result.reject(RejectReason.RECORD_TOO_LARGE, "value is " + raw.length + " bytes; the limit is "
          + limits.maxRecordBytes());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      return Result.reject(RejectReason.INVALID_UTF8, "value is not valid UTF-8 (" + e.getMessage() + ")");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      return Result.reject(RejectReason.MALFORMED_JSON, firstLine(e.getOriginalMessage()));
    } catch (NumberFormatException e) {
      // Jackson throws this, not a JacksonException, for a number it cannot hold (found by the fuzzer: 1e10444444400)
      return Result.reject(RejectReason.MALFORMED_JSON, "a number cannot be read: " + abbreviateLong(String.valueOf(e.getMessage())));
    }
    if (node == null || !node.isObject()) {
      return Result.reject(RejectReason.MALFORMED_JSON, "value is JSON but not an object");
    }
    return new EventFields(node, limits, events).check(received);
  }

  private static boolean isBlank(byte[] raw) {
    for (byte b : raw) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  static String abbreviate(String s) {
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
    return "unparseable JSON: " + abbreviateLong(nl < 0 ? s : s.substring(0, nl));
  }

  private static String abbreviateLong(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
