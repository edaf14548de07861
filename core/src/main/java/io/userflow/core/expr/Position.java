package io.userflow.core.expr;

/** Where in the expression's text something starts: line from 1, column from 1. */
public record Position(int line, int column) {
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
