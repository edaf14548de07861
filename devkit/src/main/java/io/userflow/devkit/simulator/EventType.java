package io.userflow.devkit.simulator;

import java.util.Locale;
import java.util.Optional;

/** The event types of the contract in docs/EVENTS.md; on the wire they are lower-case ({@code add_to_cart}). */
public enum EventType {
  PAGE_VIEW,
  PRODUCT_VIEW,
  SEARCH,
  ADD_TO_CART,
  REMOVE_FROM_CART,
  PURCHASE,
  LOGIN,
  LOGOUT;

  /** The JSON value of {@code event_type}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with this exact wire name; empty for anything else (including upper-case spellings). */
  public static Optional<EventType> fromWire(String value) {
    for (EventType t : values()) {
      if (t.wireName().equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
