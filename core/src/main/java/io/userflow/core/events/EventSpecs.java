package io.userflow.core.events;

import java.math.BigDecimal;
import java.util.List;

/** The YAML/JSON shape of an {@code events} section, as written; {@link EventDeclarations} checks and binds it. */
final class EventSpecs {
  private EventSpecs() {}

  /** The section: extra fields, in column order, and the accepted event types (null: today's eight). */
  record Section(List<Field> fields, List<String> types) {}

  /** One field as written. */
  record Field(String name, String type, Boolean required, Integer maxLength, Integer scale, BigDecimal min,
      BigDecimal max) {}
}
