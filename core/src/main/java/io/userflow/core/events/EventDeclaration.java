package io.userflow.core.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userflow.core.expr.ExprType;
import io.userflow.core.lineage.DefinitionHashes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a pipeline declares about its events (docs/EVENTS.md, "Declaring event fields"): the fields Silver keeps
 * beyond its own columns, with their types and rules, and the accepted event types. {@link #defaults()} is today's
 * contract: no extra field, the eight event types.
 *
 * @param fields the extra fields, in column order
 * @param eventTypes the accepted values of {@code event_type}
 */
public record EventDeclaration(List<DeclaredField> fields, SortedSet<String> eventTypes) implements Serializable {
  /** Today's event types. */
  public static final Set<String> DEFAULT_EVENT_TYPES = Set.of("page_view", "product_view", "search", "add_to_cart",
      "remove_from_cart", "purchase", "login", "logout");
  /**
   * Silver's own columns a feature definition may read, by type, in column order: the identity fields, today's
   * contract's fields and the session columns. Declared fields come after them.
   */
  static final Map<String, ExprType> BASE_FIELDS = baseFields();

  private static final EventDeclaration DEFAULTS = new EventDeclaration(List.of(), new TreeSet<>(DEFAULT_EVENT_TYPES));
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  public EventDeclaration {
    fields = fields.stream().map(DeclaredField::normalized).toList();
    eventTypes = Collections.unmodifiableSortedSet(new TreeSet<>(eventTypes));
  }

  /** Today's contract. */
  public static EventDeclaration defaults() {
    return DEFAULTS;
  }

  /** Reads an {@code events} section, YAML or JSON; any problem is an {@link EventDeclarationException}. */
  public static EventDeclaration parse(String yamlOrJson) {
    return EventDeclarations.parse(yamlOrJson);
  }

  /** As {@link #parse(String)}, from a parsed tree (e.g. the section inside a larger definition). */
  public static EventDeclaration fromJson(JsonNode section) {
    return EventDeclarations.fromJson(section);
  }

  public boolean isDefault() {
    return equals(DEFAULTS);
  }

  /** The columns a feature definition may read: Silver's own ({@code FeatureGroups.SILVER_FIELDS}), then the declared. */
  public Map<String, ExprType> fieldTypes() {
    Map<String, ExprType> types = new LinkedHashMap<>(BASE_FIELDS);
    fields.forEach(f -> types.put(f.name(), f.type().exprType()));
    return Collections.unmodifiableMap(types);
  }

  /** The declared field named {@code name}. */
  public Optional<DeclaredField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Canonical JSON: keys in a fixed order, rules left out when not set, event types sorted. Equal declarations give
   * equal text, and {@link #parse(String)} reads it back to an equal declaration.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode fieldNodes = root.putArray("fields");
    for (DeclaredField f : fields) {
      ObjectNode n = fieldNodes.addObject().put("name", f.name()).put("type", f.type().yamlName())
          .put("required", f.required());
      if (f.maxLength() != null) {
        n.put("maxLength", f.maxLength());
      }
      if (f.scale() != null) {
        n.put("scale", f.scale());
      }
      if (f.min() != null) {
        n.put("min", f.min());
      }
      if (f.max() != null) {
        n.put("max", f.max());
      }
    }
    ArrayNode types = root.putArray("types");
    eventTypes.forEach(types::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stable hash of everything that changes Silver's output: the first 16 hex digits of SHA-256 over {@link #toJson()}. */
  public String hash() {
    return DefinitionHashes.sha256Hex(toJson(), 8);
  }

  /**
   * Why Silver must be rebuilt in full when it was last written under {@code before}: the accepted event types
   * changed, or a field declared in both changed its type or rules. Empty when not: a field only added is filled from
   * now on (earlier rows null), a field only removed is no longer filled (its column and values stay).
   */
  public Optional<String> rebuildReason(EventDeclaration before) {
    List<String> changes = new ArrayList<>();
    if (!eventTypes.equals(before.eventTypes())) {
      TreeSet<String> added = new TreeSet<>(eventTypes);
      added.removeAll(before.eventTypes());
      TreeSet<String> removed = new TreeSet<>(before.eventTypes());
      removed.removeAll(eventTypes);
      changes.add("accepted event types changed" + (added.isEmpty() ? "" : ", added " + String.join(", ", added))
          + (removed.isEmpty() ? "" : ", removed " + String.join(", ", removed)));
    }
    for (DeclaredField now : fields) {
      before.field(now.name()).filter(was -> !was.equals(now)).ifPresent(was -> changes.add("field " + now.name()
          + " changed from " + describe(was) + " to " + describe(now)));
    }
    return changes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", changes));
  }

  private static String describe(DeclaredField f) {
    return f.type().yamlName() + (f.scale() == null ? "" : "(scale " + f.scale() + ")")
        + (f.required() ? " required" : " optional")
        + (f.maxLength() == null ? "" : " maxLength " + f.maxLength())
        + (f.min() == null ? "" : " min " + f.min().toPlainString())
        + (f.max() == null ? "" : " max " + f.max().toPlainString());
  }

  private static Map<String, ExprType> baseFields() {
    Map<String, ExprType> f = new LinkedHashMap<>();
    for (String s : List.of("event_id", "user_id", "event_type", "session_hint", "page", "product_id", "device",
        "referrer", "session_id")) {
      f.put(s, ExprType.STRING);
    }
    f.put("event_time", ExprType.TIMESTAMP);
    f.put("session_start", ExprType.TIMESTAMP);
    f.put("price", ExprType.DECIMAL);
    f.put("quantity", ExprType.INTEGER);
    f.put("schema_version", ExprType.INTEGER);
    return Collections.unmodifiableMap(f);
  }
}
