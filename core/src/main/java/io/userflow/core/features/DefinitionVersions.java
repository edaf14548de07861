package io.userflow.core.features;

import io.userflow.core.lineage.LineageKeys;
import io.userflow.core.planner.SnapshotFact;
import io.userflow.core.planner.SourceHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which declared groups' tables are new or were computed by another definition, from what each table's newest commit
 * recorded ({@link LineageKeys#DEFINITION_HASH}, {@link LineageKeys#DEFINITION}). Pure: the Gold job and the operator
 * both plan by it.
 */
public final class DefinitionVersions {
  private DefinitionVersions() {}

  /**
   * Every declared group's change, in definition order. {@code history} gives a table's snapshot history, empty when
   * the table does not exist.
   */
  public static List<DefinitionChange> changes(DeclaredGroups declared,
      Function<String, Optional<SourceHistory>> history) {
    List<DefinitionChange> out = new ArrayList<>();
    for (FeatureGroup g : declared.groups()) {
      Optional<SnapshotFact> recorded = history.apply(g.name()).flatMap(DefinitionVersions::recorded);
      out.add(change(declared, g, recorded.map(s -> s.summary().get(LineageKeys.DEFINITION_HASH)).orElse(null),
          recorded.map(s -> s.summary().get(LineageKeys.DEFINITION)).orElse(null)));
    }
    return out;
  }

  /** The newest commit on the table's main line that recorded a definition. */
  public static Optional<SnapshotFact> recorded(SourceHistory table) {
    return table.currentAncestry().stream()
        .filter(s -> s.summary().get(LineageKeys.DEFINITION_HASH) != null)
        .findFirst();
  }

  /** How {@code g} compares with a recorded hash and definition (null: none recorded). */
  static DefinitionChange change(DeclaredGroups declared, FeatureGroup g, String recordedHash, String recordedDefinition) {
    if (recordedHash == null) {
      return new DefinitionChange(g.name(), DefinitionChange.Kind.NEW, "");
    }
    if (recordedHash.equals(declared.hash(g))) {
      return new DefinitionChange(g.name(), DefinitionChange.Kind.UNCHANGED, "");
    }
    String detail = recordedDefinition == null ? "" : diff(FeatureSpecs.fromCanonical(recordedDefinition),
        FeatureSpecs.fromCanonical(g.definition()));
    if (detail.isEmpty()) {
      detail = g.isDaily() ? "definition changed" : "its daily group " + g.tiles() + " changed";
    }
    return new DefinitionChange(g.name(), DefinitionChange.Kind.CHANGED, detail);
  }

  /** What differs between two written groups: their settings, then features added, removed and changed by name. */
  static String diff(FeatureSpecs.Group was, FeatureSpecs.Group now) {
    List<String> parts = new ArrayList<>();
    setting(parts, "entity", was.entity(), now.entity());
    setting(parts, "grain", was.grain(), now.grain());
    setting(parts, "days", was.days(), now.days());
    setting(parts, "of", was.of(), now.of());
    Map<String, FeatureSpecs.Feature> before = byName(was.features());
    Map<String, FeatureSpecs.Feature> after = byName(now.features());
    List<String> added = after.keySet().stream().filter(n -> !before.containsKey(n)).toList();
    List<String> removed = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
    if (!added.isEmpty()) {
      parts.add("added " + String.join(", ", added));
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + String.join(", ", removed));
    }
    for (Map.Entry<String, FeatureSpecs.Feature> e : after.entrySet()) {
      FeatureSpecs.Feature old = before.get(e.getKey());
      if (old != null && !old.equals(e.getValue())) {
        parts.add("feature " + e.getKey() + ": " + String.join(", ", featureDiff(old, e.getValue())) + " changed");
      }
    }
    if (parts.isEmpty() && !List.copyOf(before.keySet()).equals(List.copyOf(after.keySet()))) {
      parts.add("features reordered");
    }
    return String.join("; ", parts);
  }

  private static List<String> featureDiff(FeatureSpecs.Feature was, FeatureSpecs.Feature now) {
    List<String> what = new ArrayList<>();
    if (!Objects.equals(was.aggregation(), now.aggregation())) {
      what.add("aggregation");
    }
    if (!Objects.equals(was.expression(), now.expression())) {
      what.add("expression");
    }
    if (!Objects.equals(was.filter(), now.filter())) {
      what.add("filter");
    }
    if (!Objects.equals(was.derived(), now.derived())) {
      what.add("derived");
    }
    return what;
  }

  private static void setting(List<String> parts, String name, Object was, Object now) {
    if (!Objects.equals(was, now)) {
      parts.add(name + " " + was + " -> " + now);
    }
  }

  private static Map<String, FeatureSpecs.Feature> byName(List<FeatureSpecs.Feature> features) {
    Map<String, FeatureSpecs.Feature> out = new LinkedHashMap<>();
    if (features != null) {
      features.forEach(f -> out.put(f.name(), f));
    }
    return out;
  }
}
