package io.userflow.core.features;

import io.userflow.core.expr.ExprType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The feature groups a pipeline declares beside the default tables (docs/FEATURES.md): each is a Gold table of its own,
 * written by the Gold stage with the default ones, and rebuilt alone when its definition changes.
 *
 * @param groups the groups in definition order (a rolling group after the daily group it reads)
 * @param fields the event fields their daily groups read
 */
public record DeclaredGroups(List<FeatureGroup> groups, Map<String, ExprType> fields) {
  public DeclaredGroups {
    groups = List.copyOf(groups);
    fields = Map.copyOf(fields);
  }

  /** No declared group: Gold writes the default tables only. */
  public static DeclaredGroups none() {
    return new DeclaredGroups(List.of(), FeatureGroups.SILVER_FIELDS);
  }

  /**
   * Reads and checks a definition ({@code groups:}, YAML or JSON) against {@code fields}; a group may not take the
   * name of one of the pipeline's tables ({@code taken}).
   */
  public static DeclaredGroups parse(String text, Map<String, ExprType> fields, Collection<String> taken) {
    List<FeatureGroup> groups = FeatureGroups.parse(text, fields);
    for (FeatureGroup g : groups) {
      if (taken.contains(g.name())) {
        throw new FeatureDefinitionException("feature group " + g.name() + ": the name is one of the pipeline's own"
            + " tables (" + String.join(", ", taken) + "); choose another");
      }
    }
    return new DeclaredGroups(groups, fields);
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
    String input = g.definition() + (g.isDaily() ? "" : "\n" + hash(tilesOf(g)));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
