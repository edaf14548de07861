package io.userflow.devkit.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders an event as the one-line JSON object of docs/EVENTS.md, applying the record's fault. Field order
 * is fixed, so the same event always gives the same bytes.
 */
final class EventJson {
  /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-01T10:15:30.123Z}. */
  static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] UNKNOWN_TYPES = {"hover", "share", "wishlist_add", "video_play"};
  private static final String[] BAD_TIMES = {"yesterday", "2026-13-45T25:61:00.000Z", "31/11/2026 10:15"};
  private static final String[] REFERRERS = {"https://www.google.com/", "https://www.bing.com/",
      "https://t.co/x7Yq", "email:newsletter", "direct"};

  private EventJson() {}

  static String render(SimEvent e, FaultKind fault, Instant sendTime, SplittableRandom rnd) {
    Map<String, Object> f = fields(e);
    switch (fault) {
      case SCHEMA_V2 -> {
        f.put("schema_version", 2);
        f.put("referrer", REFERRERS[rnd.nextInt(REFERRERS.length)]);
      }
      case MISSING_EVENT_ID -> absent(f, "event_id", rnd);
      case MISSING_USER_ID -> absent(f, "user_id", rnd);
      case MISSING_EVENT_TIME -> absent(f, "event_time", rnd);
      case WRONG_TYPE -> {
        if (f.containsKey("quantity") && rnd.nextBoolean()) {
          f.put("quantity", "two");
        } else {
          f.put("price", "abc");
        }
      }
      case UNKNOWN_EVENT_TYPE -> f.put("event_type", UNKNOWN_TYPES[rnd.nextInt(UNKNOWN_TYPES.length)]);
      case BAD_EVENT_TIME -> f.put("event_time", BAD_TIMES[rnd.nextInt(BAD_TIMES.length)]);
      case PURCHASE_WITHOUT_PRICE -> f.remove("price");
      case FUTURE_EVENT_TIME -> {
        // a device clock ahead of the send time by 6 minutes to 2 days
        long ahead = 360_000 + (long) (rnd.nextDouble() * 172_440_000L);
        f.put("event_time", EVENT_TIME.format(sendTime.plusMillis(ahead)));
      }
      default -> { }
    }
    String json = write(f);
    if (fault == FaultKind.MALFORMED_JSON) {
      // any cut before the final '}' leaves the object unclosed, so the result is never valid JSON
      return json.substring(0, 1 + rnd.nextInt(json.length() - 2));
    }
    return json;
  }

  private static Map<String, Object> fields(SimEvent e) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event_id", e.eventId());
    f.put("user_id", e.userId());
    f.put("event_type", e.type().wireName());
    f.put("event_time", EVENT_TIME.format(e.eventTime()));
    putIfPresent(f, "session_hint", e.sessionHint());
    putIfPresent(f, "page", e.page());
    putIfPresent(f, "product_id", e.productId());
    putIfPresent(f, "price", e.price());
    putIfPresent(f, "quantity", e.quantity());
    f.put("device", e.device());
    f.put("schema_version", 1);
    return f;
  }

  private static void putIfPresent(Map<String, Object> f, String name, Object value) {
    if (value != null) {
      f.put(name, value);
    }
  }

  /** Half the time the field is left out, half the time it is an explicit JSON null. */
  private static void absent(Map<String, Object> f, String name, SplittableRandom rnd) {
    if (rnd.nextBoolean()) {
      f.remove(name);
    } else {
      f.put(name, null);
    }
  }

  private static String write(Map<String, Object> fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        g.writeFieldName(e.getKey());
        Object v = e.getValue();
        if (v == null) {
          g.writeNull();
        } else if (v instanceof BigDecimal d) {
          g.writeNumber(d);
        } else if (v instanceof Integer i) {
          g.writeNumber(i);
        } else {
          g.writeString(v.toString());
        }
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }
}
