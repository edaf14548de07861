package io.userflow.core.expr;

/**
 * The types of feature expressions: the JSON types an event field can be declared with, plus {@link #DOUBLE} (what
 * division yields) and {@link #NULL} (the type of the literal {@code NULL}, which fits any other).
 */
public enum ExprType {
  STRING, INTEGER, DECIMAL, DOUBLE, BOOLEAN, TIMESTAMP, NULL;

  public boolean isNumeric() {
    return this == INTEGER || this == DECIMAL || this == DOUBLE;
  }

  /** The type of {@code a + b}, {@code a - b} and {@code a * b} for numeric types: the wider of the two. */
  static ExprType widerNumeric(ExprType a, ExprType b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    return a == DECIMAL || b == DECIMAL ? DECIMAL : INTEGER;
  }

  /** Whether values of the two types can be compared with each other (numbers with numbers, else the same type). */
  static boolean comparable(ExprType a, ExprType b) {
    return a == NULL || b == NULL || a == b || (a.isNumeric() && b.isNumeric());
  }
}
