package io.userflow.core.expr;

/** An expression that does not parse or does not type-check; the message starts with its position. */
public final class ExpressionException extends IllegalArgumentException {
  private final Position position;
  private final String reason;

  public ExpressionException(Position position, String reason) {
    super(position + ": " + reason);
    this.position = position;
    this.reason = reason;
  }

  public Position position() {
    return position;
  }

  /** The message without the position. */
  public String reason() {
    return reason;
  }
}
