package io.userflow.core.events;

/** An event declaration that cannot be read or does not validate; the message names the field and the problem. */
public final class EventDeclarationException extends IllegalArgumentException {
  public EventDeclarationException(String message) {
    super(message);
  }

  public EventDeclarationException(String message, Throwable cause) {
    super(message, cause);
  }
}
