package io.userflow.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing, type-checking and the reference semantics of feature expressions. */
class ExpressionsTest {
  static final Map<String, ExprType> FIELDS = Map.of("event_type", ExprType.STRING, "price", ExprType.DECIMAL,
      "quantity", ExprType.INTEGER, "event_time", ExprType.TIMESTAMP, "page", ExprType.STRING,
      "is_test", ExprType.BOOLEAN);

  private static Object eval(String text, Map<String, Object> row) {
    Expression e = Expressions.parse(text);
    Expressions.check(e, FIELDS);
    return Evaluator.evaluate(e, row);
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      row.put((String) kv[i], kv[i + 1]);
    }
    return row;
  }

  @Test
  void aFilteredPurchaseAndASumOverAnExpression() {
    Expression filter = Expressions.filter("event_type = 'purchase' AND price > 10", FIELDS);
    assertThat(Evaluator.matches(filter, row("event_type", "purchase", "price", new BigDecimal("10.50")))).isTrue();
    assertThat(Evaluator.matches(filter, row("event_type", "purchase", "price", new BigDecimal("10")))).isFalse();
    assertThat(Evaluator.matches(filter, row("event_type", "purchase"))).as("null price: not TRUE").isFalse();

    Expression amount = Expressions.parse("price * quantity");
    assertThat(Expressions.check(amount, FIELDS)).isEqualTo(ExprType.DECIMAL);
    assertThat(Evaluator.evaluate(amount, row("price", new BigDecimal("2.50"), "quantity", 3L)))
        .isEqualTo(new BigDecimal("7.50"));
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    // NOT a AND b is (NOT a) AND b; a OR b AND c is a OR (b AND c)
    assertThat(eval("NOT is_test AND quantity = 1", row("is_test", true, "quantity", 1L))).isEqualTo(false);
    assertThat(eval("quantity = 1 OR quantity = 2 AND is_test", row("quantity", 1L, "is_test", false)))
        .isEqualTo(true);
    assertThat(eval("1 + 2 * 3 = 7", row())).isEqualTo(true);
    assertThat(eval("-(1 - 3) = 2", row())).isEqualTo(true);
  }

  @Test
  void sqlThreeValuedLogicAndNullsPropagate() {
    Map<String, Object> noQuantity = row("is_test", false);
    assertThat(eval("quantity > 1", noQuantity)).isNull();
    assertThat(eval("quantity > 1 AND is_test", noQuantity)).isEqualTo(false);
    assertThat(eval("quantity > 1 OR NOT is_test", noQuantity)).isEqualTo(true);
    assertThat(eval("quantity > 1 OR is_test", noQuantity)).isNull();
    assertThat(eval("NOT (quantity > 1)", noQuantity)).isNull();
    assertThat(eval("quantity IS NULL", noQuantity)).isEqualTo(true);
    assertThat(eval("quantity IS NOT NULL", noQuantity)).isEqualTo(false);
    assertThat(eval("quantity IN (1, 2)", noQuantity)).isNull();
    assertThat(eval("quantity + 1", noQuantity)).isNull();
    assertThat(eval("coalesce(quantity, 0) + 1", noQuantity)).isEqualTo(1L);
  }

  @Test
  void inBetweenAndFunctions() {
    assertThat(eval("page IN ('/home', '/cart')", row("page", "/cart"))).isEqualTo(true);
    assertThat(eval("page NOT IN ('/home', '/cart')", row("page", "/cart"))).isEqualTo(false);
    assertThat(eval("quantity BETWEEN 2 AND 4", row("quantity", 4L))).isEqualTo(true);
    assertThat(eval("quantity NOT BETWEEN 2 AND 4", row("quantity", 5L))).isEqualTo(true);
    assertThat(eval("lower(event_type) = 'purchase'", row("event_type", "PURCHASE"))).isEqualTo(true);
    assertThat(eval("length(page)", row("page", "a😀b"))).as("code points").isEqualTo(3L);
    assertThat(eval("hour(event_time)", row("event_time", Instant.parse("2026-11-01T23:30:00Z")))).isEqualTo(23L);
    assertThat(eval("event_time >= TIMESTAMP '2026-11-01T00:00:00Z'", row("event_time",
        Instant.parse("2026-11-01T00:00:00Z")))).isEqualTo(true);
    assertThat(eval("page = 'it''s'", row("page", "it's"))).isEqualTo(true);
  }

  @Test
  void overflowAndDivisionByZeroAreNullNotAFailure() {
    assertThat(eval("quantity * 9223372036854775807", row("quantity", 2L))).isNull();
    assertThat(eval("quantity / 0", row("quantity", 2L))).isNull();
    assertThat(eval("quantity / 4", row("quantity", 2L))).isEqualTo(0.5);
    assertThat(eval("abs(quantity)", row("quantity", Long.MIN_VALUE))).isNull();
  }

  @Test
  void stringsCompareByCodePointAsUtf8Bytes() {
    // U+FF61 sorts before U+1F600 by code point, after it in UTF-16 code units
    assertThat(eval("page < '😀'", row("page", "｡"))).isEqualTo(true);
  }

  @Test
  void errorsNameThePositionAndWhatIsWrong() {
    // filter → the start of the message it must be refused with
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("prise > 10", "1:1: unknown field prise; declared: event_time, event_type, is_test, page, price");
    refused.put("event_type = 'a' AND price > 'cheap'", "1:28: cannot compare DECIMAL with STRING");
    refused.put("price * 2", "1:7: a filter must be a condition (BOOLEAN), this is DECIMAL");
    refused.put("page IN ('a', NULL)", "1:15: NULL in an IN list matches nothing; use IS NULL");
    refused.put("sqrt(price) > 1", "1:1: unknown function sqrt; known: lower, upper, length, abs, hour, coalesce");
    refused.put("price >", "1:8: ");
    refused.put("price > 1 ;", "1:11: ");
    refused.put("quantity > 99999999999999999999", "1:12: integer out of range: 99999999999999999999");
    refused.put("event_time > TIMESTAMP 'yesterday'", "1:14: not an ISO-8601 instant");
    refused.put("NOT quantity", "1:5: NOT needs BOOLEAN, got INTEGER");
    refused.put("is_test < TRUE", "1:9: BOOLEAN values have no order; use = or !=");
    refused.put("length(page, page) > 1", "1:1: length takes 1 argument(s), got 2");
    refused.forEach((filter, message) -> assertThatThrownBy(() -> Expressions.filter(filter, FIELDS)).as(filter)
        .isInstanceOf(ExpressionException.class).hasMessageStartingWith(message));
  }
}
