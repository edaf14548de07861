package io.userflow.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The words of a Dockerfile instruction as Docker splits them: whitespace between words, {@code '...'} literal,
 * {@code "..."} with {@code $NAME}/{@code ${NAME}} substituted, {@code \} escaping the next character; and the JSON
 * arrays of the exec form. A variable the Dockerfile does not define is an error here (Docker would read the base
 * image's environment, or put nothing).
 */
final class DockerfileWords {
  private DockerfileWords() {}

  /** The words of {@code text}, quotes removed and variables substituted. */
  static List<String> split(String text, Map<String, String> vars, Function<String, IllegalArgumentException> error) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
      } else if (c == '\'') {
        int end = closing(text, i, '\'', error);
        word.append(text, i + 1, end);
        i = end;
      } else if (c == '"') {
        int end = closing(text, i, '"', error);
        word.append(substitute(text.substring(i + 1, end).replaceAll("\\\\([\"\\\\])", "$1"), vars, error));
        i = end;
      } else if (c == '$') {
        i = variable(text, i, vars, word, error);
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code text} with its variables substituted (no quoting: a double-quoted string's or a JSON element's inside). */
  static String substitute(String text, Map<String, String> vars, Function<String, IllegalArgumentException> error) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i++;
      } else if (c == '$') {
        i = variable(text, i, vars, out, error);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Appends the value of the variable at {@code text[dollar]}; returns the index of its last character. */
  private static int variable(String text, int dollar, Map<String, String> vars, StringBuilder out,
      Function<String, IllegalArgumentException> error) {
    String name;
    int last;
    if (dollar + 1 < text.length() && text.charAt(dollar + 1) == '{') {
      last = text.indexOf('}', dollar);
      if (last < 0) {
        throw error.apply("unclosed ${ in '" + text + "'");
      }
      name = text.substring(dollar + 2, last);
    } else {
      last = dollar;
      while (last + 1 < text.length() && (Character.isLetterOrDigit(text.charAt(last + 1))
          || text.charAt(last + 1) == '_')) {
        last++;
      }
      name = text.substring(dollar + 1, last + 1);
    }
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw error.apply("'$" + (last > dollar + 1 && text.charAt(dollar + 1) == '{' ? "{" + name + "}" : name)
          + "': only $NAME and ${NAME} are supported (no ${NAME:-default} modifiers)");
    }
    String value = vars.get(name);
    if (value == null) {
      throw error.apply("$" + name + " is not defined by an ARG or ENV before it (the base image's environment"
          + " is not known here)");
    }
    out.append(value);
    return last;
  }

  private static int closing(String text, int open, char quote, Function<String, IllegalArgumentException> error) {
    for (int i = open + 1; i < text.length(); i++) {
      if (text.charAt(i) == '\\' && quote == '"') {
        i++;
      } else if (text.charAt(i) == quote) {
        return i;
      }
    }
    throw error.apply("unclosed " + quote + " in '" + text + "'");
  }

  /** A JSON array of strings: the exec form {@code ["java", "-jar", "app.jar"]}. */
  static List<String> json(String text, Function<String, IllegalArgumentException> error) {
    List<String> out = new ArrayList<>();
    String s = text.strip();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      throw error.apply("expected a JSON array of strings, got '" + text + "'");
    }
    int i = 1;
    while (true) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (s.charAt(i) == ']' && out.isEmpty() && i == s.length() - 1) {
        return out;
      }
      if (s.charAt(i) != '"') {
        throw error.apply("expected a JSON string at '" + s.substring(i) + "'");
      }
      StringBuilder word = new StringBuilder();
      for (i++; s.charAt(i) != '"'; i++) {
        if (i == s.length() - 1) {
          throw error.apply("unclosed JSON string in '" + text + "'");
        }
        char c = s.charAt(i);
        if (c == '\\') {
          c = s.charAt(++i);
          switch (c) {
            case 'n' -> word.append('\n');
            case 't' -> word.append('\t');
            case 'r' -> word.append('\r');
            case 'b' -> word.append('\b');
            case 'f' -> word.append('\f');
            case 'u' -> {
              word.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              i += 4;
            }
            default -> word.append(c);
          }
        } else {
          word.append(c);
        }
      }
      out.add(word.toString());
      i++;
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (s.charAt(i) == ']' && i == s.length() - 1) {
        return out;
      }
      if (s.charAt(i) != ',') {
        throw error.apply("expected , or ] at '" + s.substring(i) + "'");
      }
      i++;
    }
  }
}
