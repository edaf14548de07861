package io.userflow.jobs.features;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.try_add;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.try_multiply;
import static org.apache.spark.sql.functions.try_subtract;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.userflow.core.expr.ExprType;
import io.userflow.core.expr.Expression;
import io.userflow.core.expr.Expression.Binary;
import io.userflow.core.expr.Expression.Call;
import io.userflow.core.expr.Expression.Field;
import io.userflow.core.expr.Expression.In;
import io.userflow.core.expr.Expression.IsNull;
import io.userflow.core.expr.Expression.Literal;
import io.userflow.core.expr.Expression.Unary;
import io.userflow.core.expr.Expression.UnaryOp;
import io.userflow.core.expr.Expressions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Compiles a type-checked feature {@link Expression} to a Spark {@link Column} that agrees with
 * {@link io.userflow.core.expr.Evaluator} row for row: integers are longs, arithmetic is Spark's {@code try_}
 * arithmetic (overflow and division by zero are null), division is in doubles. Timestamps are read in the session's
 * time zone, which the jobs set to UTC ({@code Sessions}).
 */
public final class ExpressionColumns {
  private ExpressionColumns() {}

  /** {@code e} over columns named as the fields of {@code fields}, which it was checked against. */
  public static Column compile(Expression e, Map<String, ExprType> fields) {
    return new Compiler(fields).column(e);
  }

  private record Compiler(Map<String, ExprType> fields) {
    Column column(Expression e) {
      if (e instanceof Literal l) {
        return literal(l.value());
      }
      if (e instanceof Field f) {
        return fields.get(f.name()) == ExprType.INTEGER ? col(f.name()).cast(DataTypes.LongType) : col(f.name());
      }
      if (e instanceof Unary u) {
        Column v = column(u.operand());
        if (u.op() == UnaryOp.NOT) {
          return not(v);
        }
        return type(u.operand()) == ExprType.INTEGER ? try_subtract(lit(0L), v) : v.unary_$minus();
      }
      if (e instanceof Binary b) {
        return binary(b);
      }
      if (e instanceof IsNull n) {
        return n.negated() ? column(n.value()).isNotNull() : column(n.value()).isNull();
      }
      if (e instanceof In in) {
        Column found = column(in.value()).isin(in.list().stream().map(l -> sparkValue(l.value())).toArray());
        return in.negated() ? not(found) : found;
      }
      return call((Call) e);
    }

    private Column binary(Binary b) {
      Column l = column(b.left());
      Column r = column(b.right());
      return switch (b.op()) {
        case AND -> l.and(r);
        case OR -> l.or(r);
        case EQ -> l.equalTo(r);
        case NE -> l.notEqual(r);
        case LT -> l.lt(r);
        case LE -> l.leq(r);
        case GT -> l.gt(r);
        case GE -> l.geq(r);
        case ADD -> try_add(l, r);
        case SUBTRACT -> try_subtract(l, r);
        case MULTIPLY -> try_multiply(l, r);
        case DIVIDE -> try_divide(l.cast(DataTypes.DoubleType), r.cast(DataTypes.DoubleType));
      };
    }

    private Column call(Call c) {
      if (c.function() == io.userflow.core.expr.Function.COALESCE) {
        return coalesce(c.args().stream().map(this::column).toArray(Column[]::new));
      }
      Column v = column(c.args().get(0));
      return switch (c.function()) {
        case LOWER -> lower(v);
        case UPPER -> upper(v);
        case LENGTH -> length(v).cast(DataTypes.LongType);
        // Long.MIN_VALUE has no absolute value: null, as an overflow is
        case ABS -> type(c.args().get(0)) == ExprType.INTEGER ? when(v.notEqual(Long.MIN_VALUE), abs(v)) : abs(v);
        case HOUR -> hour(v).cast(DataTypes.LongType);
        default -> throw new IllegalStateException("unreachable: " + c.function());
      };
    }

    private ExprType type(Expression e) {
      return Expressions.check(e, fields);
    }
  }

  private static Column literal(Object value) {
    return value == null ? lit(null) : lit(sparkValue(value));
  }

  private static Object sparkValue(Object value) {
    return value instanceof Instant i ? Timestamp.from(i) : value;
  }
}
