package io.userflow.operator.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Collects spec problems as sentences naming the field; empty means valid. */
final class Problems {
  private final List<String> problems = new ArrayList<>();

  /** The problems {@code rules} find in {@code spec}; a missing spec is the one problem then. */
  static <T> List<String> of(T spec, BiConsumer<Problems, T> rules) {
    Problems p = new Problems();
    if (p.require("spec", spec)) {
      rules.accept(p, spec);
    }
    return p.list();
  }

  boolean require(String field, Object value) {
    if (value == null) {
      problems.add(field + " is required");
      return false;
    }
    return true;
  }

  void match(String field, String value, String pattern) {
    if (require(field, value) && !Pattern.matches(pattern, value)) {
      problems.add(field + " must match " + pattern + ", got: " + quoted(value));
    }
  }

  void range(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      problems.add(field + " must be in [" + min + ", " + max + "], got: " + value);
    }
  }

  void add(String problem) {
    problems.add(problem);
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  /** Shows the offending value without letting it break the message (length and control characters). */
  private static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
