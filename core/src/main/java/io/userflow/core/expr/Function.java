package io.userflow.core.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The functions an expression may call. */
public enum Function {
  /** {@code lower(string)} */
  LOWER,
  /** {@code upper(string)} */
  UPPER,
  /** {@code length(string)}: characters (code points) */
  LENGTH,
  /** {@code abs(number)} */
  ABS,
  /** {@code hour(timestamp)}: 0..23 in UTC */
  HOUR,
  /** {@code coalesce(a, b, ...)}: the first argument that is not null */
  COALESCE;

  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Function> named(String name) {
    return Arrays.stream(values()).filter(f -> f.sqlName().equalsIgnoreCase(name)).findFirst();
  }
}
