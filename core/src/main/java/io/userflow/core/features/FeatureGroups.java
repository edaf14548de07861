package io.userflow.core.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.expr.ExprType;
import io.userflow.core.layout.TableLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Feature group definitions: read from YAML (see docs/FEATURES.md), bound to the event fields, and the defaults —
 * today's two Gold tables written as definitions ({@code default-feature-groups.yaml} beside this class).
 */
public final class FeatureGroups {
  /** The Silver columns a definition may read, by type: today's event contract (identity and session columns too). */
  public static final Map<String, ExprType> SILVER_FIELDS = EventDeclaration.defaults().fieldTypes();

  private static final String DEFAULTS_RESOURCE = "default-feature-groups.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<FeatureGroup> DEFAULTS = readDefaults();

  private FeatureGroups() {}

  /** Reads and validates a definition against {@code eventFields}; any problem is a {@link FeatureDefinitionException}. */
  public static List<FeatureGroup> parse(String yaml, Map<String, ExprType> eventFields) {
    FeatureSpecs.File file;
    try {
      file = YAML.readValue(yaml, FeatureSpecs.File.class);
    } catch (UnrecognizedPropertyException e) {
      throw new FeatureDefinitionException("not a feature definition: unknown key " + path(e) + "; known: "
          + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")), e);
    } catch (MismatchedInputException e) {
      throw new FeatureDefinitionException("not a feature definition: at " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new FeatureDefinitionException("not YAML: " + e.getOriginalMessage() + (e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
    }
    return FeatureGroupBinder.bind(file, eventFields);
  }

  /** Where in the file: {@code groups[0].features[2].filter}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      path.append(r.getFieldName() != null ? (path.isEmpty() ? "" : ".") + r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return path.toString();
  }

  /** Today's Gold tables: {@link TableLayout#DEFAULT_GOLD_DAILY} and {@link TableLayout#DEFAULT_GOLD_ROLLING}. */
  public static List<FeatureGroup> defaults() {
    return DEFAULTS;
  }

  /** The default group named {@code name}. */
  public static FeatureGroup defaultGroup(String name) {
    return named(DEFAULTS, name);
  }

  public static FeatureGroup named(List<FeatureGroup> groups, String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("no feature group " + name + "; defined: "
            + String.join(", ", groups.stream().map(FeatureGroup::name).toList())));
  }

  private static List<FeatureGroup> readDefaults() {
    try (InputStream in = FeatureGroups.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SILVER_FIELDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
