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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Parses and type-checks feature expressions. The grammar is {@code Feature.g4} beside the sources: comparisons,
 * {@code [NOT] IN (...)}, {@code [NOT] BETWEEN}, {@code IS [NOT] NULL}, {@code AND}/{@code OR}/{@code NOT},
 * {@code + - * /}, the {@link Function}s, and literals (integers, decimals, {@code 'strings'} with {@code ''} for a
 * quote, {@code TRUE}/{@code FALSE}, {@code TIMESTAMP '2026-01-01T00:00:00Z'}, {@code NULL}). Semantics are SQL's,
 * made total: a comparison or arithmetic with a null is null, division yields a {@link ExprType#DOUBLE} and is null
 * when the divisor is 0, integer or decimal overflow is null (what Spark's {@code try_} functions do).
 */
public final class Expressions {
  private Expressions() {}

  /** Parses {@code text}; a syntax error is an {@link ExpressionException} at its position. */
  public static Expression parse(String text) {
    FeatureLexer lexer = new FeatureLexer(CharStreams.fromString(text));
    FeatureParser parser = new FeatureParser(new CommonTokenStream(lexer));
    lexer.removeErrorListeners();
    parser.removeErrorListeners();
    BaseErrorListener fail = new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> recognizer, Object symbol, int line, int column, String msg,
          RecognitionException e) {
        throw new ExpressionException(new Position(line, column + 1), msg);
      }
    };
    lexer.addErrorListener(fail);
    parser.addErrorListener(fail);
    return new Builder().visit(parser.parse().expr());
  }

  /** Parses {@code text} and checks it against {@code fields}; returns its type. */
  public static ExprType check(Expression expression, Map<String, ExprType> fields) {
    return new TypeChecker(fields).type(expression);
  }

  /** Parses a filter: it must be {@link ExprType#BOOLEAN} over {@code fields}. */
  public static Expression filter(String text, Map<String, ExprType> fields) {
    Expression e = parse(text);
    ExprType type = check(e, fields);
    if (type != ExprType.BOOLEAN && type != ExprType.NULL) {
      throw new ExpressionException(e.position(), "a filter must be a condition (BOOLEAN), this is " + type);
    }
    return e;
  }

  private static Position at(ParserRuleContext ctx) {
    return at(ctx.getStart());
  }

  private static Position at(Token token) {
    return new Position(token.getLine(), token.getCharPositionInLine() + 1);
  }

  /** The parse tree to {@link Expression}s. */
  private static final class Builder extends FeatureBaseVisitor<Expression> {
    @Override
    public Expression visitNot(FeatureParser.NotContext ctx) {
      return new Unary(UnaryOp.NOT, visit(ctx.expr()), at(ctx));
    }

    @Override
    public Expression visitNegate(FeatureParser.NegateContext ctx) {
      return new Unary(UnaryOp.NEGATE, visit(ctx.sum()), at(ctx));
    }

    /** AND, OR, comparisons and arithmetic: one node each, the operator from its token. */
    @Override
    public Expression visitLogical(FeatureParser.LogicalContext ctx) {
      return binary(ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Expression visitCompare(FeatureParser.CompareContext ctx) {
      return binary(ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Expression visitArithmetic(FeatureParser.ArithmeticContext ctx) {
      return binary(ctx.op, ctx.left, ctx.right);
    }

    @Override
    public Expression visitIsNull(FeatureParser.IsNullContext ctx) {
      return new IsNull(visit(ctx.value), ctx.not != null, at(ctx));
    }

    @Override
    public Expression visitIn(FeatureParser.InContext ctx) {
      List<Literal> list = new ArrayList<>();
      ctx.literal().forEach(l -> list.add((Literal) visit(l)));
      return new In(visit(ctx.value), list, ctx.not != null, at(ctx));
    }

    @Override
    public Expression visitBetween(FeatureParser.BetweenContext ctx) {
      Expression value = visit(ctx.value);
      Position p = at(ctx);
      Expression between = new Binary(BinaryOp.AND, new Binary(BinaryOp.GE, value, visit(ctx.low), p),
          new Binary(BinaryOp.LE, value, visit(ctx.high), p), p);
      return ctx.not == null ? between : new Unary(UnaryOp.NOT, between, p);
    }

    @Override
    public Expression visitValue(FeatureParser.ValueContext ctx) {
      return visit(ctx.sum());
    }

    private Expression binary(Token op, ParserRuleContext left, ParserRuleContext right) {
      return new Binary(BinaryOp.of(op.getText()), visit(left), visit(right), at(op));
    }

    @Override
    public Expression visitConstant(FeatureParser.ConstantContext ctx) {
      return visit(ctx.literal());
    }

    @Override
    public Expression visitCall(FeatureParser.CallContext ctx) {
      String name = ctx.IDENTIFIER().getText();
      Function f = Function.named(name).orElseThrow(() -> new ExpressionException(at(ctx),
          "unknown function " + name + "; known: " + String.join(", ", java.util.Arrays.stream(Function.values())
              .map(Function::sqlName).toList())));
      List<Expression> args = new ArrayList<>();
      ctx.expr().forEach(a -> args.add(visit(a)));
      return new Call(f, args, at(ctx));
    }

    @Override
    public Expression visitField(FeatureParser.FieldContext ctx) {
      return new Field(ctx.IDENTIFIER().getText(), at(ctx));
    }

    @Override
    public Expression visitParens(FeatureParser.ParensContext ctx) {
      return visit(ctx.expr());
    }

    @Override
    public Expression visitIntegerLiteral(FeatureParser.IntegerLiteralContext ctx) {
      try {
        return new Literal(Long.parseLong(ctx.getText()), ExprType.INTEGER, at(ctx));
      } catch (NumberFormatException e) {
        throw new ExpressionException(at(ctx), "integer out of range: " + ctx.getText());
      }
    }

    @Override
    public Expression visitDecimalLiteral(FeatureParser.DecimalLiteralContext ctx) {
      return new Literal(new BigDecimal(ctx.getText()), ExprType.DECIMAL, at(ctx));
    }

    @Override
    public Expression visitStringLiteral(FeatureParser.StringLiteralContext ctx) {
      return new Literal(unquote(ctx.STRING().getText()), ExprType.STRING, at(ctx));
    }

    @Override
    public Expression visitBooleanLiteral(FeatureParser.BooleanLiteralContext ctx) {
      return new Literal(ctx.TRUE() != null, ExprType.BOOLEAN, at(ctx));
    }

    @Override
    public Expression visitTimestampLiteral(FeatureParser.TimestampLiteralContext ctx) {
      String text = unquote(ctx.STRING().getText());
      try {
        return new Literal(Instant.parse(text), ExprType.TIMESTAMP, at(ctx));
      } catch (DateTimeParseException e) {
        throw new ExpressionException(at(ctx), "not an ISO-8601 instant such as 2026-01-01T00:00:00Z: '" + text + "'");
      }
    }

    @Override
    public Expression visitNullLiteral(FeatureParser.NullLiteralContext ctx) {
      return new Literal(null, ExprType.NULL, at(ctx));
    }

    private static String unquote(String quoted) {
      return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }
  }

  /** Types each node bottom-up; the first mismatch is an {@link ExpressionException} at the node. */
  private record TypeChecker(Map<String, ExprType> fields) {
    ExprType type(Expression e) {
      if (e instanceof Literal l) {
        return l.type();
      }
      if (e instanceof Field f) {
        ExprType t = fields.get(f.name());
        if (t == null) {
          throw new ExpressionException(f.position(), "unknown field " + f.name() + "; declared: "
              + String.join(", ", new TreeSet<>(fields.keySet())));
        }
        return t;
      }
      if (e instanceof Unary u) {
        ExprType t = type(u.operand());
        if (u.op() == UnaryOp.NOT) {
          return expect(u.operand(), t, ExprType.BOOLEAN, "NOT");
        }
        if (!t.isNumeric() && t != ExprType.NULL) {
          throw new ExpressionException(u.position(), "- needs a number, got " + t);
        }
        return t == ExprType.NULL ? ExprType.INTEGER : t;
      }
      if (e instanceof Binary b) {
        return binary(b);
      }
      if (e instanceof IsNull n) {
        type(n.value());
        return ExprType.BOOLEAN;
      }
      if (e instanceof In in) {
        ExprType t = type(in.value());
        for (Literal l : in.list()) {
          if (l.type() == ExprType.NULL) {
            throw new ExpressionException(l.position(), "NULL in an IN list matches nothing; use IS NULL");
          }
          if (!ExprType.comparable(t, l.type())) {
            throw new ExpressionException(l.position(), "IN list value of type " + l.type() + " cannot match " + t);
          }
        }
        return ExprType.BOOLEAN;
      }
      return call((Call) e);
    }

    private ExprType binary(Binary b) {
      ExprType l = type(b.left());
      ExprType r = type(b.right());
      if (b.op().isLogical()) {
        expect(b.left(), l, ExprType.BOOLEAN, b.op().symbol());
        expect(b.right(), r, ExprType.BOOLEAN, b.op().symbol());
        return ExprType.BOOLEAN;
      }
      if (b.op().isComparison()) {
        if (!ExprType.comparable(l, r)) {
          throw new ExpressionException(b.position(), "cannot compare " + l + " with " + r);
        }
        if (l == ExprType.BOOLEAN && b.op() != BinaryOp.EQ && b.op() != BinaryOp.NE) {
          throw new ExpressionException(b.position(), "BOOLEAN values have no order; use = or !=");
        }
        return ExprType.BOOLEAN;
      }
      for (ExprType t : List.of(l, r)) {
        if (!t.isNumeric() && t != ExprType.NULL) {
          throw new ExpressionException(b.position(), b.op().symbol() + " needs numbers, got " + l + " and " + r);
        }
      }
      if (b.op() == BinaryOp.DIVIDE) {
        return ExprType.DOUBLE;
      }
      return ExprType.widerNumeric(l == ExprType.NULL ? ExprType.INTEGER : l, r == ExprType.NULL ? ExprType.INTEGER : r);
    }

    private ExprType call(Call c) {
      List<ExprType> args = c.args().stream().map(this::type).toList();
      return switch (c.function()) {
        case LOWER, UPPER -> {
          arity(c, 1);
          expect(c.args().get(0), args.get(0), ExprType.STRING, c.function().sqlName());
          yield ExprType.STRING;
        }
        case LENGTH -> {
          arity(c, 1);
          expect(c.args().get(0), args.get(0), ExprType.STRING, "length");
          yield ExprType.INTEGER;
        }
        case ABS -> {
          arity(c, 1);
          if (!args.get(0).isNumeric()) {
            throw new ExpressionException(c.args().get(0).position(), "abs needs a number, got " + args.get(0));
          }
          yield args.get(0);
        }
        case HOUR -> {
          arity(c, 1);
          expect(c.args().get(0), args.get(0), ExprType.TIMESTAMP, "hour");
          yield ExprType.INTEGER;
        }
        case COALESCE -> {
          if (args.isEmpty()) {
            throw new ExpressionException(c.position(), "coalesce needs at least one argument");
          }
          ExprType result = ExprType.NULL;
          for (int i = 0; i < args.size(); i++) {
            ExprType t = args.get(i);
            if (!ExprType.comparable(result, t) || (result != ExprType.NULL && t != ExprType.NULL && result != t
                && !(result.isNumeric() && t.isNumeric()))) {
              throw new ExpressionException(c.args().get(i).position(), "coalesce mixes " + result + " and " + t);
            }
            result = result == ExprType.NULL ? t : t == ExprType.NULL ? result
                : result.isNumeric() ? ExprType.widerNumeric(result, t) : result;
          }
          yield result;
        }
      };
    }

    private static void arity(Call c, int n) {
      if (c.args().size() != n) {
        throw new ExpressionException(c.position(), c.function().sqlName() + " takes " + n + " argument(s), got "
            + c.args().size());
      }
    }

    private static ExprType expect(Expression e, ExprType actual, ExprType wanted, String where) {
      if (actual != wanted && actual != ExprType.NULL) {
        throw new ExpressionException(e.position(), where + " needs " + wanted + ", got " + actual);
      }
      return wanted;
    }
  }
}
