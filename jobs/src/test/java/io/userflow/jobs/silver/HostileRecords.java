package io.userflow.jobs.silver;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Record values built to probe the validator: arbitrary bytes, event-shaped JSON whose fields take values at and past
 * every limit (times, numbers, string lengths, nesting, escapes, encodings), and valid events near the limits. The
 * choices come from a fuzzer or from a seeded {@link Random}, so the same generator serves Jazzer and plain tests.
 */
public final class HostileRecords {
  /** Where the generator's decisions come from. */
  public interface Choices {
    /** A number in [0, n). */
    int pick(int n);

    /** Any long. */
    long anyLong();

    /** Up to {@code max} arbitrary characters (any UTF-16 unit, surrogates included). */
    String text(int max);

    /** Up to {@code max} arbitrary bytes. */
    byte[] bytes(int max);

    static Choices of(Random random) {
      return new Choices() {
        public int pick(int n) {
          return random.nextInt(n);
        }

        public long anyLong() {
          return random.nextLong();
        }

        public String text(int max) {
          char[] cs = new char[random.nextInt(max + 1)];
          for (int i = 0; i < cs.length; i++) {
            // mostly printable ASCII, sometimes anything
            cs[i] = random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5f));
          }
          return new String(cs);
        }

        public byte[] bytes(int max) {
          byte[] b = new byte[random.nextInt(max + 1)];
          random.nextBytes(b);
          return b;
        }
      };
    }
  }

  /** A valid event as sent, with the values Silver must store for it. */
  public record Valid(byte[] raw, String eventId, String userId, String eventType, Instant eventTime, BigDecimal price,
      Integer quantity) {}

  static final String[] FIELDS = {"event_id", "user_id", "event_type", "event_time", "session_hint", "page",
      "product_id", "price", "quantity", "device", "schema_version", "referrer", "extra"};
  /** Sorted: Set.of's order changes from one JVM to the next, and the seeded test must see the same records. */
  static final String[] TYPES = EventValidator.EVENT_TYPES.stream().sorted().toArray(String[]::new);
  static final String[] NUMBERS = {"0", "1", "-1", "2147483648", "9223372036854775808", "1e400", "-1e400", "1e-400",
      "-0.0", "0.00001", "19.99", "19.99001", "1000000", "1000000.0001", "99999999999999.9999", "1E+2", "1.0", "10000",
      "10001", "1000001", "-0", "123456789012345678901234567890"};
  static final String[] YEARS = {"-999999999", "0000", "0001", "1582", "1899", "1900", "1999", "2000", "2025", "2026",
      "9999", "+10000", "+292278994", "+999999999"};
  static final String[] OFFSETS = {"Z", "+18:00", "-18:00", "+05:30", "", "+25:00", "z"};
  static final String[] ESCAPES = {"\\ud800", "\\udc00", "\\u0000", "\\u001f", "\\ud83d\\ude00", "\\\"", "\\\\", "\\n", "é",
      "\u2028"};

  private HostileRecords() {}

  /** Any one of the shapes below. */
  public static byte[] any(Choices c) {
    return switch (c.pick(4)) {
      case 0 -> c.bytes(300);
      case 1 -> shaped(c);
      case 2 -> valid(c).raw();
      default -> mutate(valid(c).raw(), c);
    };
  }

  /** A JSON object (usually well-formed) over the contract's fields, each absent, null, or a value at a limit. */
  public static byte[] shaped(Choices c) {
    List<String> members = new ArrayList<>();
    for (String field : FIELDS) {
      String value = value(field, c);
      if (value != null) {
        members.add("\"" + field + "\":" + value);
      }
    }
    if (c.pick(8) == 0 && !members.isEmpty()) {
      members.add(members.get(c.pick(members.size()))); // a repeated field name
    }
    String json = "{" + String.join(",", members) + "}";
    if (c.pick(10) == 0) {
      json = "[".repeat(c.pick(60)) + json; // nesting past the parser's limit, unbalanced on purpose
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String value(String field, Choices c) {
    if (c.pick(3) != 0) {
      return typical(field, c);
    }
    return switch (c.pick(12)) {
      case 0 -> null;
      case 1 -> "null";
      case 2 -> c.pick(2) == 0 ? "true" : "[1,{\"a\":[]}]";
      case 3 -> NUMBERS[c.pick(NUMBERS.length)];
      case 4 -> Long.toString(c.anyLong());
      case 5 -> quote(escape(c.text(40)));
      case 6 -> quote("x".repeat(120 + c.pick(20)) + ESCAPES[c.pick(ESCAPES.length)]);
      case 7 -> quote("y".repeat(2040 + c.pick(20)));
      case 8 -> quote(time(c));
      case 9 -> quote(TYPES[c.pick(TYPES.length)]);
      case 10 -> quote("a" + ESCAPES[c.pick(ESCAPES.length)] + "b");
      default -> typical(field, c);
    };
  }

  private static String typical(String field, Choices c) {
    return switch (field) {
      case "event_time" -> quote(time(c));
      case "event_type" -> quote(TYPES[c.pick(TYPES.length)]);
      case "price" -> c.pick(4) == 0 ? null : NUMBERS[c.pick(NUMBERS.length)];
      case "quantity", "schema_version" -> Integer.toString(c.pick(5) - 1);
      case "device" -> quote(new String[] {"web", "ios", "android", "WEB", ""}[c.pick(5)]);
      case "extra" -> c.pick(50) == 0 ? quote("z".repeat(65_536)) : "{\"nested\":[" + c.pick(9) + "]}";
      default -> quote("v" + c.pick(1000));
    };
  }

  static String time(Choices c) {
    String year = c.pick(2) == 0 ? "2026" : YEARS[c.pick(YEARS.length)];
    String fraction = c.pick(3) == 0 ? "" : "." + "123456789".substring(0, 1 + c.pick(9));
    boolean plausible = c.pick(2) == 0;
    return year + String.format("-%02d-%02dT%02d:%02d:%02d", plausible ? 11 : 1 + c.pick(13),
        plausible ? 1 : 1 + c.pick(32), plausible ? 10 : c.pick(25), c.pick(plausible ? 60 : 61), c.pick(plausible ? 60 : 61))
        + fraction + OFFSETS[c.pick(plausible ? 1 : OFFSETS.length)];
  }

  /** A valid event whose values lie near the limits; the validator must accept it and keep every value. */
  public static Valid valid(Choices c) {
    String type = TYPES[c.pick(TYPES.length)];
    String id = "e" + Long.toHexString(c.anyLong()) + "\u00e9\ud83d\ude00".substring(0, c.pick(4) == 0 ? 3 : 0);
    String user = "u".repeat(1 + c.pick(127));
    long micros = Math.floorMod(c.anyLong(), 365L * 86_400_000_000L); // within the year before RECEIVED
    Instant time = Fuzzing.RECEIVED.minus(micros, java.time.temporal.ChronoUnit.MICROS);
    BigDecimal price = "purchase".equals(type) || c.pick(2) == 0
        ? BigDecimal.valueOf(Math.floorMod(c.anyLong(), 10_000_000_001L), 4) : null; // 0 .. 1,000,000.0000
    Integer quantity = c.pick(2) == 0 ? 1 + c.pick(10_000) : null;
    StringBuilder json = new StringBuilder("{\"event_id\":").append(quote(escape(id)))
        .append(",\"user_id\":").append(quote(user)).append(",\"event_type\":").append(quote(type))
        .append(",\"event_time\":").append(quote(time.toString()));
    if (price != null) {
      json.append(",\"price\":").append(c.pick(2) == 0 ? price.toPlainString() : price.stripTrailingZeros().toString());
    }
    if (quantity != null) {
      json.append(",\"quantity\":").append(quantity);
    }
    json.append(",\"page\":").append(quote(escape("/p?q=" + "\u2028\t".repeat(c.pick(3))))).append('}');
    Integer stored = quantity != null ? quantity : EventValidator.QUANTITY_DEFAULTED.contains(type) ? Integer.valueOf(1) : null;
    return new Valid(json.toString().getBytes(StandardCharsets.UTF_8), id, user, type, time, price, stored);
  }

  private static byte[] mutate(byte[] raw, Choices c) {
    byte[] out = raw.clone();
    for (int i = 0, n = 1 + c.pick(3); i < n; i++) {
      out[c.pick(out.length)] = (byte) c.pick(256);
    }
    return out;
  }

  private static String escape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
