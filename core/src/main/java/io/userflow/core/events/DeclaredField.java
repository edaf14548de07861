package io.userflow.core.events;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One event field Silver keeps beyond today's columns, with its rules. A value breaking a rule rejects the event.
 *
 * @param name the JSON key and the Silver column
 * @param type its JSON type
 * @param required whether an event without it (absent or {@code null}) is rejected
 * @param maxLength a string's longest length in characters; null: the pipeline's max-text-length
 * @param scale a decimal's decimal places (0 to {@link #MAX_SCALE}); null for other types
 * @param min the smallest integer or decimal accepted, null: no bound but the column's
 * @param max the largest integer or decimal accepted, null: no bound but the column's
 */
public record DeclaredField(String name, FieldType type, boolean required, Integer maxLength, Integer scale,
    BigDecimal min, BigDecimal max) implements Serializable {
  /** Digits of a decimal column: DECIMAL(38, scale). */
  public static final int DECIMAL_PRECISION = 38;
  /** The most decimal places a decimal field may declare. */
  public static final int MAX_SCALE = 18;

  /** The same field with min and max written without trailing zeros, so equal rules compare and hash equal. */
  DeclaredField normalized() {
    return new DeclaredField(name, type, required, maxLength, scale, plain(min), plain(max));
  }

  private static BigDecimal plain(BigDecimal v) {
    if (v == null) {
      return null;
    }
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
