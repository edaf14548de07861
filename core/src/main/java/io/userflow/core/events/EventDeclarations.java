package io.userflow.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads an {@code events} section and checks every rule of it; the first problem is an {@link EventDeclarationException}. */
final class EventDeclarations {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
  /** Columns of the Silver tables and of validation that a declared field must not shadow. */
  private static final Set<String> RESERVED = Set.of("event_date", "kafka_topic", "kafka_partition", "kafka_offset",
      "kafka_timestamp", "ingest_time", "ingest_date", "reject_reason", "reject_detail", "raw_value", "reason_code",
      "reason_detail");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  /** JSON and YAML both: YAML is a superset of JSON. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private EventDeclarations() {}

  static EventDeclaration parse(String text) {
    try {
      return bind(YAML.readValue(text, EventSpecs.Section.class));
    } catch (UnrecognizedPropertyException e) {
      throw new EventDeclarationException("not an events declaration: unknown key " + path(e) + "; known: "
          + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")), e);
    } catch (MismatchedInputException e) {
      throw new EventDeclarationException("not an events declaration: at " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new EventDeclarationException("not YAML or JSON: " + e.getOriginalMessage() + (e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
    }
  }

  static EventDeclaration fromJson(JsonNode node) {
    try {
      return bind(YAML.treeToValue(node, EventSpecs.Section.class));
    } catch (UnrecognizedPropertyException e) {
      throw new EventDeclarationException("not an events declaration: unknown key " + path(e), e);
    } catch (JsonProcessingException e) {
      throw new EventDeclarationException("not an events declaration: at " + (e instanceof JsonMappingException m
          ? path(m) : "") + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Where in the section: {@code fields[1].maxLength}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      path.append(r.getFieldName() != null ? (path.isEmpty() ? "" : ".") + r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return path.toString();
  }

  private static EventDeclaration bind(EventSpecs.Section section) {
    if (section == null) {
      return EventDeclaration.defaults();
    }
    List<DeclaredField> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<EventSpecs.Field> written = section.fields() == null ? List.of() : section.fields();
    for (int i = 0; i < written.size(); i++) {
      DeclaredField f = field(written.get(i), "fields[" + i + "]");
      if (!names.add(f.name())) {
        throw new EventDeclarationException("event field " + f.name() + ": declared twice");
      }
      fields.add(f);
    }
    return new EventDeclaration(fields, types(section.types()));
  }

  private static TreeSet<String> types(List<String> written) {
    if (written == null) {
      return new TreeSet<>(EventDeclaration.DEFAULT_EVENT_TYPES);
    }
    if (written.isEmpty()) {
      throw new EventDeclarationException("types: at least one event type must be accepted");
    }
    TreeSet<String> types = new TreeSet<>();
    for (String t : written) {
      if (t == null || t.isBlank()) {
        throw new EventDeclarationException("types: an event type must be a non-blank string, not " + t);
      }
      if (!types.add(t)) {
        throw new EventDeclarationException("types: " + t + " is listed twice");
      }
    }
    return types;
  }

  private static DeclaredField field(EventSpecs.Field f, String where) {
    if (f == null) {
      throw new EventDeclarationException(where + ": empty field");
    }
    if (f.name() == null || !NAME.matcher(f.name()).matches()) {
      throw new EventDeclarationException(where + ": name " + f.name()
          + " is not a lower-case identifier of at most 64 characters");
    }
    String at = "event field " + f.name();
    if (EventDeclaration.BASE_FIELDS.containsKey(f.name()) || RESERVED.contains(f.name())) {
      throw new EventDeclarationException(at + ": the name is one of Silver's own columns");
    }
    FieldType type = FieldType.named(f.type()).orElseThrow(() -> new EventDeclarationException(at + ": unknown type "
        + f.type() + "; known: " + Arrays.stream(FieldType.values()).map(FieldType::yamlName)
            .collect(Collectors.joining(", "))));
    if (f.maxLength() != null && (type != FieldType.STRING || f.maxLength() < 1)) {
      throw new EventDeclarationException(at + ": maxLength is a positive length of a string field");
    }
    if ((f.scale() != null) != (type == FieldType.DECIMAL)) {
      throw new EventDeclarationException(at + ": " + (type == FieldType.DECIMAL ? "a decimal needs a scale"
          : "scale belongs to a decimal field"));
    }
    if (type == FieldType.DECIMAL && (f.scale() < 0 || f.scale() > DeclaredField.MAX_SCALE)) {
      throw new EventDeclarationException(at + ": scale must lie in [0, " + DeclaredField.MAX_SCALE + "], not " + f.scale());
    }
    if ((f.min() != null || f.max() != null) && type != FieldType.INTEGER && type != FieldType.DECIMAL) {
      throw new EventDeclarationException(at + ": min and max bound an integer or decimal field, not a " + type.yamlName());
    }
    for (BigDecimal bound : new BigDecimal[] {f.min(), f.max()}) {
      if (bound != null) {
        checkBound(at, type, f.scale(), bound);
      }
    }
    if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
      throw new EventDeclarationException(at + ": min " + f.min().toPlainString() + " is above max "
          + f.max().toPlainString());
    }
    return new DeclaredField(f.name(), type, Boolean.TRUE.equals(f.required()), f.maxLength(), f.scale(), f.min(),
        f.max()).normalized();
  }

  private static void checkBound(String at, FieldType type, Integer scale, BigDecimal bound) {
    if (type == FieldType.INTEGER && (bound.stripTrailingZeros().scale() > 0 || bound.compareTo(LONG_MIN) < 0
        || bound.compareTo(LONG_MAX) > 0)) {
      throw new EventDeclarationException(at + ": bound " + bound.toPlainString() + " is not a 64-bit integer");
    }
    if (type == FieldType.DECIMAL && (Math.max(bound.stripTrailingZeros().scale(), 0) > scale
        || !fitsDecimal(bound, scale))) {
      throw new EventDeclarationException(at + ": bound " + bound.toPlainString() + " does not fit DECIMAL("
          + DeclaredField.DECIMAL_PRECISION + ", " + scale + ")");
    }
  }

  /** Whether {@code v}, with at most {@code scale} decimal places, fits DECIMAL(38, scale). */
  static boolean fitsDecimal(BigDecimal v, int scale) {
    BigDecimal scaled = v.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    return scaled.precision() <= DeclaredField.DECIMAL_PRECISION;
  }
}
