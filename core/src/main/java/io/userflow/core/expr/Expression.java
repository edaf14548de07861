package io.userflow.core.expr;

import java.util.List;

/**
 * A parsed feature expression: a filter ({@link ExprType#BOOLEAN}) or a row expression. Pure data; {@link
 * Expressions} parses and type-checks it, {@link Evaluator} evaluates it on one row, and the jobs compile it to Spark
 * columns.
 */
public sealed interface Expression {
  Position position();

  /**
   * A constant.
   *
   * @param value a {@link String}, {@link Long}, {@link java.math.BigDecimal}, {@link Boolean},
   *     {@link java.time.Instant}, or null
   */
  record Literal(Object value, ExprType type, Position position) implements Expression {}

  /** A declared event field, by name. */
  record Field(String name, Position position) implements Expression {}

  /** {@code NOT operand} or {@code -operand}. */
  record Unary(UnaryOp op, Expression operand, Position position) implements Expression {}

  /** A comparison, {@code AND}/{@code OR}, or arithmetic. */
  record Binary(BinaryOp op, Expression left, Expression right, Position position) implements Expression {}

  /** {@code value IS [NOT] NULL}. */
  record IsNull(Expression value, boolean negated, Position position) implements Expression {}

  /** {@code value [NOT] IN (literal, ...)}. */
  record In(Expression value, List<Literal> list, boolean negated, Position position) implements Expression {
    public In {
      list = List.copyOf(list);
    }
  }

  /** A function call. */
  record Call(Function function, List<Expression> args, Position position) implements Expression {
    public Call {
      args = List.copyOf(args);
    }
  }

  enum UnaryOp { NOT, NEGATE }

  enum BinaryOp {
    AND, OR, EQ, NE, LT, LE, GT, GE, ADD, SUBTRACT, MULTIPLY, DIVIDE;

    /** How the grammar spells it. */
    public String symbol() {
      return switch (this) {
        case EQ -> "=";
        case NE -> "!=";
        case LT -> "<";
        case LE -> "<=";
        case GT -> ">";
        case GE -> ">=";
        case ADD -> "+";
        case SUBTRACT -> "-";
        case MULTIPLY -> "*";
        case DIVIDE -> "/";
        default -> name();
      };
    }

    /** The operator a token of the grammar spells: {@code AND}/{@code OR} in any case, {@code <>} as {@code !=}. */
    static BinaryOp of(String token) {
      String symbol = token.equals("<>") ? "!=" : token.toUpperCase(java.util.Locale.ROOT);
      for (BinaryOp op : values()) {
        if (op.symbol().equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException("no operator " + token);
    }

    public boolean isComparison() {
      return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    public boolean isLogical() {
      return this == AND || this == OR;
    }
  }
}
