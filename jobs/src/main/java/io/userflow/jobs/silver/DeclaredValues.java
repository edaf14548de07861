package io.userflow.jobs.silver;

import static io.userflow.jobs.silver.EventValidator.abbreviate;

import com.fasterxml.jackson.databind.JsonNode;
import io.userflow.core.events.DeclaredField;
import io.userflow.core.events.EventDeclaration;
import io.userflow.jobs.silver.EventValidator.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The declared fields of one event (docs/EVENTS.md, "Declaring event fields"), checked in declaration order after
 * every check of today's contract: their typed values, or the first field's reject.
 *
 * @param values the fields the event has, by name, typed as {@link EventValidator.ValidEvent#declared()} says
 * @param reject the first failing check, null when every field passes
 */
record DeclaredValues(Map<String, Object> values, Result reject) {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  static DeclaredValues read(JsonNode node, EventDeclaration events, EventLimits limits) {
    if (events.fields().isEmpty()) {
      return new DeclaredValues(Map.of(), null);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (DeclaredField f : events.fields()) {
      JsonNode v = node.get(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) {
          return rejected(RejectReason.MISSING_REQUIRED_FIELD, f.name() + " is required but missing or null");
        }
        continue;
      }
      Object value;
      try {
        value = value(f, v, limits);
      } catch (Rejected r) {
        return new DeclaredValues(Map.of(), r.result);
      }
      values.put(f.name(), value);
    }
    return new DeclaredValues(Map.copyOf(values), null);
  }

  private static Object value(DeclaredField f, JsonNode v, EventLimits limits) {
    return switch (f.type()) {
      case STRING -> string(f, v, limits);
      case INTEGER -> integer(f, v);
      case DECIMAL -> decimal(f, v);
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          throw wrongType(f, v, "true or false");
        }
        yield v.booleanValue();
      }
      case TIMESTAMP -> timestamp(f, v, limits);
    };
  }

  private static String string(DeclaredField f, JsonNode v, EventLimits limits) {
    if (!v.isTextual()) {
      throw wrongType(f, v, "a string");
    }
    Result r = EventFields.checkText(f.name(), v.textValue(), f.maxLength() == null ? limits.maxTextLength()
        : f.maxLength(), false);
    if (r != null) {
      throw new Rejected(r);
    }
    return v.textValue();
  }

  private static Long integer(DeclaredField f, JsonNode v) {
    if (!v.isIntegralNumber()) {
      throw wrongType(f, v, "an integer");
    }
    BigInteger i = v.bigIntegerValue();
    BigInteger min = f.min() == null ? LONG_MIN : f.min().toBigIntegerExact();
    BigInteger max = f.max() == null ? LONG_MAX : f.max().toBigIntegerExact();
    if (i.compareTo(min) < 0 || i.compareTo(max) > 0) {
      throw outOfRange(f.name() + " " + abbreviate(i.toString()) + " is not in [" + min + ", " + max + "]");
    }
    return i.longValueExact();
  }

  private static BigDecimal decimal(DeclaredField f, JsonNode v) {
    if (!v.isNumber()) {
      throw wrongType(f, v, "a number");
    }
    BigDecimal d = v.decimalValue();
    if (d.stripTrailingZeros().scale() > f.scale()) {
      throw outOfRange(f.name() + " " + abbreviate(d.toPlainString()) + " has more than " + f.scale()
          + " decimal places");
    }
    BigDecimal scaled = d.setScale(f.scale());
    if (scaled.precision() > DeclaredField.DECIMAL_PRECISION) {
      throw outOfRange(f.name() + " " + abbreviate(d.toPlainString()) + " has more digits than DECIMAL("
          + DeclaredField.DECIMAL_PRECISION + ", " + f.scale() + ") holds");
    }
    if (f.min() != null && scaled.compareTo(f.min()) < 0 || f.max() != null && scaled.compareTo(f.max()) > 0) {
      throw outOfRange(f.name() + " " + abbreviate(d.toPlainString()) + " is not in ["
          + (f.min() == null ? "" : f.min().toPlainString()) + ", " + (f.max() == null ? "" : f.max().toPlainString())
          + "]");
    }
    return scaled;
  }

  private static Instant timestamp(DeclaredField f, JsonNode v, EventLimits limits) {
    if (!v.isTextual()) {
      throw wrongType(f, v, "an ISO-8601 date-time string");
    }
    Result r = EventFields.checkText(f.name(), v.textValue(), limits.maxIdLength(), true);
    if (r != null) {
      throw new Rejected(r);
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(v.textValue()).toInstant();
    } catch (DateTimeException e) {
      throw new Rejected(Result.reject(RejectReason.UNPARSEABLE_TIMESTAMP, f.name() + " '"
          + abbreviate(v.textValue()) + "' is not ISO-8601 with an offset"));
    }
    if (t.getNano() % 1_000 != 0) {
      throw outOfRange(f.name() + " " + v.textValue() + " has digits finer than a microsecond");
    }
    if (t.isBefore(EventLimits.FLOOR_LOWEST) || t.isAfter(EventLimits.CEILING)) {
      throw outOfRange(f.name() + " " + t + " is outside [" + EventLimits.FLOOR_LOWEST + ", " + EventLimits.CEILING + "]");
    }
    return t;
  }

  private static Rejected wrongType(DeclaredField f, JsonNode v, String expected) {
    return new Rejected(Result.reject(RejectReason.WRONG_FIELD_TYPE, f.name() + " must be " + expected + ", got "
        + (v.isNumber() && !v.isIntegralNumber() ? "a decimal number" : v.getNodeType().toString())));
  }

  private static Rejected outOfRange(String detail) {
    return new Rejected(Result.reject(RejectReason.FIELD_OUT_OF_RANGE, detail));
  }

  private static DeclaredValues rejected(RejectReason reason, String detail) {
    return new DeclaredValues(Map.of(), Result.reject(reason, detail));
  }

  /** A field's check failed: carries the reject out of the typed readers. */
  private static final class Rejected extends RuntimeException {
    private final transient Result result;

    Rejected(Result result) {
      super(null, null, false, false);
      this.result = result;
    }
  }
}
