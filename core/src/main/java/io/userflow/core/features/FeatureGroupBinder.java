package io.userflow.core.features;

import io.userflow.core.expr.ExprType;
import io.userflow.core.expr.Expression;
import io.userflow.core.expr.ExpressionException;
import io.userflow.core.expr.Expressions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds written groups to the event fields: every expression parsed and type-checked, every rule of a group checked;
 * the first problem is a {@link FeatureDefinitionException} naming the group, the feature and the position.
 */
final class FeatureGroupBinder {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final String GRAINS = "daily, rolling";

  private final Map<String, ExprType> eventFields;
  /** The groups bound so far, by name: a rolling group reads an earlier daily one. */
  private final Map<String, FeatureGroup> bound = new LinkedHashMap<>();

  private FeatureGroupBinder(Map<String, ExprType> eventFields) {
    this.eventFields = Map.copyOf(eventFields);
  }

  static List<FeatureGroup> bind(FeatureSpecs.File file, Map<String, ExprType> eventFields) {
    if (file == null || file.groups() == null || file.groups().isEmpty()) {
      throw new FeatureDefinitionException("a feature definition needs a non-empty 'groups' list");
    }
    FeatureGroupBinder binder = new FeatureGroupBinder(eventFields);
    for (FeatureSpecs.Group g : file.groups()) {
      FeatureGroup group = binder.group(g);
      binder.bound.put(group.name(), group);
    }
    return List.copyOf(binder.bound.values());
  }

  private FeatureGroup group(FeatureSpecs.Group g) {
    String name = name(g.name(), "feature group");
    String where = "feature group " + name;
    if (bound.containsKey(name)) {
      throw new FeatureDefinitionException(where + ": defined twice");
    }
    String grain = g.grain() == null ? "daily" : g.grain();
    FeatureGroup tiles = null;
    int days = 1;
    if (grain.equals("rolling")) {
      if (g.days() == null || g.days() < 1 || g.days() > 366) {
        throw new FeatureDefinitionException(where + ": a rolling group needs 'days' from 1 to 366");
      }
      tiles = bound.get(g.of());
      if (tiles == null || !tiles.isDaily()) {
        throw new FeatureDefinitionException(where + ": 'of' must name a daily group defined before it"
            + " (defined: " + String.join(", ", bound.keySet()) + "), not " + g.of());
      }
      days = g.days();
    } else if (!grain.equals("daily")) {
      throw new FeatureDefinitionException(where + ": unknown grain " + grain + "; known: " + GRAINS);
    } else if (g.days() != null || g.of() != null) {
      throw new FeatureDefinitionException(where + ": 'days' and 'of' belong to a rolling group");
    }
    Map<String, ExprType> input = tiles == null ? eventFields : columns(tiles);
    String entity = g.entity();
    if (tiles != null ? !tiles.entity().equals(entity) : input.get(entity) != ExprType.STRING) {
      throw new FeatureDefinitionException(where + ": entity must be " + (tiles != null
          ? "its daily group's, " + tiles.entity() : "a STRING event field") + ", not " + entity);
    }
    if (g.features() == null || g.features().isEmpty()) {
      throw new FeatureDefinitionException(where + ": needs at least one feature");
    }
    String dateColumn = tiles == null ? FeatureGroup.FEATURE_DATE : FeatureGroup.AS_OF_DATE;
    Map<String, ExprType> row = new LinkedHashMap<>();
    List<Feature> features = new ArrayList<>();
    for (FeatureSpecs.Feature f : g.features()) {
      String featureName = name(f.name(), where + ": feature");
      if (row.containsKey(featureName) || featureName.equals(entity) || featureName.equals(dateColumn)) {
        throw new FeatureDefinitionException(where + ", feature " + featureName + ": the name is taken");
      }
      Feature feature = feature(where + ", feature " + featureName, featureName, f, tiles != null, input, row);
      features.add(feature);
      row.put(featureName, feature.type());
    }
    return new FeatureGroup(name, entity, days, tiles == null ? null : tiles.name(), features,
        FeatureSpecs.canonical(new FeatureSpecs.Group(name, entity, grain, g.days(), g.of(), g.features())));
  }

  private static Feature feature(String where, String name, FeatureSpecs.Feature f, boolean rolling,
      Map<String, ExprType> input, Map<String, ExprType> earlier) {
    if ((f.aggregation() == null) == (f.derived() == null)) {
      throw new FeatureDefinitionException(where + ": give exactly one of 'aggregation' and 'derived'");
    }
    if (f.derived() != null) {
      if (f.expression() != null || f.filter() != null) {
        throw new FeatureDefinitionException(where + ": a derived feature has no 'expression' or 'filter'");
      }
      Expression derived = expression(where, "derived", f.derived(), earlier);
      return new Feature(name, null, derived, null, type(where, "derived", derived, earlier));
    }
    Aggregation aggregation = Aggregation.named(f.aggregation()).orElseThrow(() -> new FeatureDefinitionException(
        where + ": unknown aggregation " + f.aggregation() + "; known: "
            + Arrays.stream(Aggregation.values()).map(Aggregation::yamlName).collect(Collectors.joining(", "))));
    if (rolling && aggregation.isSessionMeasure()) {
      throw new FeatureDefinitionException(where + ": " + aggregation.yamlName() + " is a session measure of daily "
          + "groups; a window combines the daily group's rows, e.g. sum of its sessions feature");
    }
    if (aggregation.isSessionMeasure() && (f.expression() != null || f.filter() != null)) {
      throw new FeatureDefinitionException(where + ": " + aggregation.yamlName() + " takes no expression or filter");
    }
    if (aggregation.needsExpression() && f.expression() == null) {
      throw new FeatureDefinitionException(where + ": " + aggregation.yamlName() + " needs an 'expression'");
    }
    Expression filter = null;
    if (f.filter() != null) {
      try {
        filter = Expressions.filter(f.filter(), input);
      } catch (ExpressionException e) {
        throw positioned(where, "filter", f.filter(), e);
      }
    }
    Expression expression = f.expression() == null ? null : expression(where, "expression", f.expression(), input);
    ExprType inputType = expression == null ? null : type(where, "expression", expression, input);
    if (inputType != null && !aggregation.accepts(inputType)) {
      throw new FeatureDefinitionException(where + ": " + aggregation.yamlName() + " cannot aggregate a " + inputType
          + " expression: " + f.expression());
    }
    return new Feature(name, aggregation, expression, filter, aggregation.resultType(inputType));
  }

  private static Expression expression(String where, String what, String text, Map<String, ExprType> fields) {
    try {
      Expression e = Expressions.parse(text);
      Expressions.check(e, fields);
      return e;
    } catch (ExpressionException e) {
      throw positioned(where, what, text, e);
    }
  }

  private static ExprType type(String where, String what, Expression e, Map<String, ExprType> fields) {
    ExprType t = Expressions.check(e, fields);
    if (t == ExprType.NULL) {
      throw new FeatureDefinitionException(where + ", " + what + " at " + e.position() + ": is always NULL");
    }
    return t;
  }

  private static FeatureDefinitionException positioned(String where, String what, String text, ExpressionException e) {
    return new FeatureDefinitionException(where + ", " + what + " at " + e.position() + ": " + e.reason()
        + " (in: " + text + ")", e);
  }

  private static String name(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new FeatureDefinitionException(what + " name " + name + " is not a lower-case identifier");
    }
    return name;
  }

  /** The columns of a daily group's rows that a rolling group reads: its features by type. */
  private static Map<String, ExprType> columns(FeatureGroup daily) {
    Map<String, ExprType> columns = new LinkedHashMap<>();
    daily.features().forEach(f -> columns.put(f.name(), f.type()));
    return columns;
  }
}
