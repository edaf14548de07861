package io.userflow.core.features;

import io.userflow.core.expr.ExprType;
import io.userflow.core.expr.Expression;

/**
 * One column of a feature group: an aggregation of an expression over the rows its filter keeps, or a derived
 * value computed from the features before it in the same row.
 *
 * @param name the column's name
 * @param aggregation how rows are summarised; null for a derived feature
 * @param expression what is aggregated, or the derived value; null for {@code count} of rows and session measures
 * @param filter which rows count; null: all
 * @param type the column's type
 */
public record Feature(String name, Aggregation aggregation, Expression expression, Expression filter, ExprType type) {
  public boolean isDerived() {
    return aggregation == null;
  }
}
