package io.userflow.core.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.userflow.core.events.DeclaredField;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.events.FieldType;
import io.userflow.core.expr.ExprType;
import io.userflow.core.expr.Expression;
import io.userflow.core.lineage.DefinitionHashes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline declares beyond the defaults (docs/FEATURES.md, docs/EVENTS.md): its event fields, and the feature
 * groups Gold writes beside the default tables, each a Gold table of its own, rebuilt alone when its definition
 * changes.
 *
 * @param events the event declaration the groups' daily inputs come from
 * @param groups the groups in definition order (a rolling group after the daily group it reads)
 */
public record DeclaredGroups(EventDeclaration events, List<FeatureGroup> groups) {
  /** The decimal places of a feature table's DECIMAL columns (the jobs' {@code FeatureTypes.DECIMAL}). */
  public static final int FEATURE_DECIMAL_SCALE = 4;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public DeclaredGroups {
    groups = List.copyOf(groups);
  }

  /** Nothing declared: today's events, the default tables only. */
  public static DeclaredGroups none() {
    return new DeclaredGroups(EventDeclaration.defaults(), List.of());
  }

  /**
   * A definition file: an optional {@code events:} section and optional {@code groups:}, YAML or JSON. A group may not
   * take the name of one of the pipeline's tables ({@code taken}).
   */
  public static DeclaredGroups parse(String file, Collection<String> taken) {
    JsonNode root;
    try {
      root = YAML.readTree(file);
    } catch (JsonProcessingException e) {
      throw new FeatureDefinitionException("not YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new FeatureDefinitionException("a definition is a mapping with 'events' and/or 'groups'");
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("events") && !key.equals("groups")) {
        throw new FeatureDefinitionException("not a definition: unknown key " + key + "; known: events, groups");
      }
    }
    EventDeclaration events = root.has("events") ? EventDeclaration.fromJson(root.get("events"))
        : EventDeclaration.defaults();
    return of(events, root.has("groups") ? ((ObjectNode) YAML.createObjectNode()).set("groups", root.get("groups"))
        .toString() : null, taken);
  }

  /** The groups of {@code groupsText} ({@code groups: [...]}, null: none) over the fields {@code events} declares. */
  public static DeclaredGroups of(EventDeclaration events, String groupsText, Collection<String> taken) {
    if (groupsText == null) {
      return new DeclaredGroups(events, List.of());
    }
    List<FeatureGroup> groups = FeatureGroups.parse(groupsText, events.fieldTypes());
    for (FeatureGroup g : groups) {
      if (taken.contains(g.name())) {
        throw new FeatureDefinitionException("feature group " + g.name() + ": the name is one of the pipeline's own"
            + " tables (" + String.join(", ", taken) + "); choose another");
      }
      roundsNoDecimal(events, g);
    }
    return new DeclaredGroups(events, groups);
  }

  /** The columns a daily group may read: Silver's own, then the declared event fields. */
  public Map<String, ExprType> fields() {
    return events.fieldTypes();
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  public FeatureGroup group(String name) {
    return FeatureGroups.named(groups, name);
  }

  /** The daily group a rolling group combines. */
  public FeatureGroup tilesOf(FeatureGroup rolling) {
    return group(rolling.tiles());
  }

  /**
   * The version of a group's rows: a hash of its definition and, for a rolling group, of its daily group's, so a
   * changed daily group also rebuilds the windows over it.
   */
  public String hash(FeatureGroup g) {
    return DefinitionHashes.sha256Hex(g.definition() + (g.isDaily() ? "" : "\n" + hash(tilesOf(g))), 16);
  }

  /** A declared decimal with more places than a feature table keeps would be rounded there: refused. */
  private static void roundsNoDecimal(EventDeclaration events, FeatureGroup g) {
    if (!g.isDaily()) {
      return;
    }
    for (Feature f : g.features()) {
      List<String> read = new ArrayList<>();
      fields(f.expression(), read);
      for (String name : read) {
        DeclaredField field = events.field(name).orElse(null);
        if (field != null && field.type() == FieldType.DECIMAL && field.scale() != null
            && field.scale() > FEATURE_DECIMAL_SCALE) {
          throw new FeatureDefinitionException("feature group " + g.name() + ", feature " + f.name() + ": reads "
              + name + ", a decimal with " + field.scale() + " places; feature tables keep " + FEATURE_DECIMAL_SCALE
              + ", so its values would be rounded. Declare it with scale " + FEATURE_DECIMAL_SCALE + " or less.");
        }
      }
    }
  }

  private static void fields(Expression e, List<String> out) {
    if (e instanceof Expression.Field f) {
      out.add(f.name());
    } else if (e instanceof Expression.Unary u) {
      fields(u.operand(), out);
    } else if (e instanceof Expression.Binary b) {
      fields(b.left(), out);
      fields(b.right(), out);
    } else if (e instanceof Expression.IsNull n) {
      fields(n.value(), out);
    } else if (e instanceof Expression.In in) {
      fields(in.value(), out);
    } else if (e instanceof Expression.Call c) {
      c.args().forEach(a -> fields(a, out));
    }
  }
}
