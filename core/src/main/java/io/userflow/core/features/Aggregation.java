package io.userflow.core.features;

import io.userflow.core.expr.ExprType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a feature summarises the rows of its key: over events for a daily group, over the daily rows of the window
 * for a rolling group. {@code count} and {@code sum} are 0 over no matching rows; the others are null.
 */
public enum Aggregation {
  /** Matching rows; with an expression, matching rows where it is not null. */
  COUNT,
  /** Sum of the expression's non-null values over matching rows. */
  SUM,
  MIN,
  MAX,
  /** Mean of the expression's non-null values, a DOUBLE. */
  AVG,
  /** Distinct non-null values of the expression. */
  COUNT_DISTINCT,
  /**
   * The expression on the matching row with the latest event time (ties: the greatest event id); over a window, on
   * the matching daily row of the latest date.
   */
  LAST,
  /** Sessions that start on the tile's date (by session_start), whichever dates their events fall on. */
  SESSIONS,
  /** Mean length in seconds (last event − session start) of the sessions {@link #SESSIONS} counts. */
  AVG_SESSION_SECONDS;

  /** How a definition spells it. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Aggregation> named(String name) {
    return Arrays.stream(values()).filter(a -> a.yamlName().equals(name)).findFirst();
  }

  /** Whether it summarises an expression that the definition must give. */
  public boolean needsExpression() {
    return this != COUNT && !isSessionMeasure();
  }

  /** Session measures are computed from whole sessions, take no expression or filter, and exist on daily tiles. */
  public boolean isSessionMeasure() {
    return this == SESSIONS || this == AVG_SESSION_SECONDS;
  }


  /** The type of the feature, given the type of its expression (null when it has none). */
  public ExprType resultType(ExprType input) {
    return switch (this) {
      case COUNT, COUNT_DISTINCT, SESSIONS -> ExprType.INTEGER;
      case AVG, AVG_SESSION_SECONDS -> ExprType.DOUBLE;
      default -> input;
    };
  }

  /** Whether it accepts an expression of {@code type}. */
  boolean accepts(ExprType type) {
    return switch (this) {
      case SUM, AVG -> type.isNumeric();
      case MIN, MAX -> type != ExprType.BOOLEAN && type != ExprType.NULL;
      default -> type != ExprType.NULL;
    };
  }
}
