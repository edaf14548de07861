package io.userflow.deploy.crd;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the Airflow manifest templates as Python's string.Template.substitute does for ${NAME}. */
public final class ManifestTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private ManifestTemplates() {}

  /** Every placeholder must have a value, as with substitute(); a stray {@code $} is an error too. */
  public static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String rendered = out.toString();
    if (rendered.contains("$")) {
      throw new IllegalArgumentException("unrendered $ left in:\n" + rendered);
    }
    return rendered;
  }
}
