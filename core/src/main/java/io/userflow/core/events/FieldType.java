package io.userflow.core.events;

import io.userflow.core.expr.ExprType;
import java.util.Arrays;
import java.util.Optional;

/** The JSON types a declared event field can have, with the expression type a feature definition reads it as. */
public enum FieldType {
  /** A JSON string. */
  STRING("string", ExprType.STRING),
  /** A JSON integer (no fraction, no exponent), stored as a 64-bit integer. */
  INTEGER("integer", ExprType.INTEGER),
  /** A JSON number with at most {@code scale} decimal places, stored as DECIMAL(38, scale). */
  DECIMAL("decimal", ExprType.DECIMAL),
  /** JSON {@code true} or {@code false}. */
  BOOLEAN("boolean", ExprType.BOOLEAN),
  /** An ISO-8601 date-time string with an offset or Z, stored to the microsecond in UTC. */
  TIMESTAMP("timestamp", ExprType.TIMESTAMP);

  private final String yamlName;
  private final ExprType exprType;

  FieldType(String yamlName, ExprType exprType) {
    this.yamlName = yamlName;
    this.exprType = exprType;
  }

  /** How the type is written in a declaration. */
  public String yamlName() {
    return yamlName;
  }

  public ExprType exprType() {
    return exprType;
  }

  static Optional<FieldType> named(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
  }
}
