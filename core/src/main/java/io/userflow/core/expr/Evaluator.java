package io.userflow.core.expr;

import io.userflow.core.expr.Expression.Binary;
import io.userflow.core.expr.Expression.BinaryOp;
import io.userflow.core.expr.Expression.Call;
import io.userflow.core.expr.Expression.Field;
import io.userflow.core.expr.Expression.In;
import io.userflow.core.expr.Expression.IsNull;
import io.userflow.core.expr.Expression.Literal;
import io.userflow.core.expr.Expression.Unary;
import io.userflow.core.expr.Expression.UnaryOp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The reference semantics of a type-checked {@link Expression} on one row, in plain Java: what the Spark compilation
 * must agree with, row for row. Values are {@link String}, {@link Long}, {@link BigDecimal}, {@link Double},
 * {@link Boolean}, {@link Instant} or null; SQL's three-valued logic; overflow and division by zero are null.
 */
public final class Evaluator {
  /** The largest decimal precision an engine keeps (Spark's and Iceberg's): a wider result is an overflow. */
  static final int MAX_DECIMAL_PRECISION = 38;

  private Evaluator() {}

  public static Object evaluate(Expression e, Map<String, ?> row) {
    if (e instanceof Literal l) {
      return l.value();
    }
    if (e instanceof Field f) {
      return row.get(f.name());
    }
    if (e instanceof Unary u) {
      Object v = evaluate(u.operand(), row);
      if (v == null) {
        return null;
      }
      if (u.op() == UnaryOp.NOT) {
        return !(Boolean) v;
      }
      return negate(v);
    }
    if (e instanceof Binary b) {
      return binary(b, row);
    }
    if (e instanceof IsNull n) {
      return (evaluate(n.value(), row) == null) != n.negated();
    }
    if (e instanceof In in) {
      Object v = evaluate(in.value(), row);
      if (v == null) {
        return null;
      }
      boolean found = in.list().stream().anyMatch(l -> compare(v, l.value()) == 0);
      return found != in.negated();
    }
    return call((Call) e, row);
  }

  /** True only when a filter evaluates to TRUE: NULL and FALSE both leave the row out, as SQL's WHERE does. */
  public static boolean matches(Expression filter, Map<String, ?> row) {
    return Boolean.TRUE.equals(evaluate(filter, row));
  }

  private static Object binary(Binary b, Map<String, ?> row) {
    if (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR) {
      Boolean l = (Boolean) evaluate(b.left(), row);
      Boolean r = (Boolean) evaluate(b.right(), row);
      Boolean decisive = b.op() == BinaryOp.AND ? Boolean.FALSE : Boolean.TRUE;
      if (decisive.equals(l) || decisive.equals(r)) {
        return decisive;
      }
      return l == null || r == null ? null : !decisive;
    }
    Object l = evaluate(b.left(), row);
    Object r = evaluate(b.right(), row);
    if (l == null || r == null) {
      return null;
    }
    if (b.op().isComparison()) {
      int c = compare(l, r);
      return switch (b.op()) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        default -> c >= 0;
      };
    }
    return arithmetic(b.op(), l, r);
  }

  private static Object arithmetic(BinaryOp op, Object l, Object r) {
    if (op == BinaryOp.DIVIDE) {
      double divisor = toDouble(r);
      return divisor == 0 ? null : toDouble(l) / divisor;
    }
    if (l instanceof Double || r instanceof Double) {
      double a = toDouble(l);
      double c = toDouble(r);
      return switch (op) {
        case ADD -> a + c;
        case SUBTRACT -> a - c;
        default -> a * c;
      };
    }
    if (l instanceof Long a && r instanceof Long c) {
      try {
        return switch (op) {
          case ADD -> Math.addExact(a, c);
          case SUBTRACT -> Math.subtractExact(a, c);
          default -> Math.multiplyExact(a, c);
        };
      } catch (ArithmeticException overflow) {
        return null;
      }
    }
    BigDecimal a = toDecimal(l);
    BigDecimal c = toDecimal(r);
    BigDecimal result = switch (op) {
      case ADD -> a.add(c);
      case SUBTRACT -> a.subtract(c);
      default -> a.multiply(c);
    };
    return result.precision() > MAX_DECIMAL_PRECISION ? null : result;
  }

  private static Object negate(Object v) {
    if (v instanceof Long l) {
      return l == Long.MIN_VALUE ? null : -l;
    }
    if (v instanceof Double d) {
      return -d;
    }
    return ((BigDecimal) v).negate();
  }

  private static Object call(Call c, Map<String, ?> row) {
    if (c.function() == Function.COALESCE) {
      return c.args().stream().map(a -> evaluate(a, row)).filter(Objects::nonNull).findFirst().orElse(null);
    }
    Object v = evaluate(c.args().get(0), row);
    if (v == null) {
      return null;
    }
    return switch (c.function()) {
      case LOWER -> ((String) v).toLowerCase(Locale.ROOT);
      case UPPER -> ((String) v).toUpperCase(Locale.ROOT);
      case LENGTH -> (long) ((String) v).codePointCount(0, ((String) v).length());
      case ABS -> v instanceof Long l ? (l == Long.MIN_VALUE ? null : Math.abs(l))
          : v instanceof Double d ? Math.abs(d) : ((BigDecimal) v).abs();
      case HOUR -> (long) ((Instant) v).atOffset(ZoneOffset.UTC).getHour();
      default -> throw new IllegalStateException("unreachable: " + c.function());
    };
  }

  /** Orders two non-null values of comparable types: numbers by value, strings by code point, instants by time. */
  static int compare(Object l, Object r) {
    if (l instanceof Number && r instanceof Number) {
      if (l instanceof Double || r instanceof Double) {
        return Double.compare(toDouble(l), toDouble(r));
      }
      return toDecimal(l).compareTo(toDecimal(r));
    }
    if (l instanceof String a && r instanceof String c) {
      return codePointOrder(a, c);
    }
    if (l instanceof Instant a && r instanceof Instant c) {
      return a.compareTo(c);
    }
    if (l instanceof Boolean a && r instanceof Boolean c) {
      return a.compareTo(c);
    }
    throw new IllegalArgumentException("not comparable: " + l + " and " + r + " (type-check the expression first)");
  }

  /** UTF-8 byte order, which is code point order (Spark's default string collation), not UTF-16 order. */
  private static int codePointOrder(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static double toDouble(Object n) {
    return ((Number) n).doubleValue();
  }

  private static BigDecimal toDecimal(Object n) {
    return n instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) n).longValue());
  }
}
