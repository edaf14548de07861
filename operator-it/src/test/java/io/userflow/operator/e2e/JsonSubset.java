package io.userflow.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a stored object lost or changed what was written: every field of {@code written} must be in {@code stored}
 * with the same value (the server may add defaults, never drop a field). A structural schema prunes fields it does
 * not know without an error; this is how that shows.
 */
final class JsonSubset {
  private JsonSubset() {}

  static List<String> differences(JsonNode written, JsonNode stored) {
    List<String> out = new ArrayList<>();
    walk("", written, stored, out);
    return out;
  }

  private static void walk(String path, JsonNode written, JsonNode stored, List<String> out) {
    if (written == null || written.isNull()) {
      return;
    }
    if (stored == null || stored.isMissingNode() || stored.isNull()) {
      out.add(path + " (pruned)");
    } else if (written.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(path + "." + e.getKey(), e.getValue(), stored.get(e.getKey()), out);
      }
    } else if (written.isArray()) {
      if (!stored.isArray() || stored.size() != written.size()) {
        out.add(path + " (" + written + " stored as " + stored + ")");
        return;
      }
      for (int i = 0; i < written.size(); i++) {
        walk(path + "[" + i + "]", written.get(i), stored.get(i), out);
      }
    } else if (written.isNumber() && stored.isNumber() ? written.decimalValue().compareTo(stored.decimalValue()) != 0
        : !written.equals(stored)) {
      out.add(path + " (" + written + " stored as " + stored + ")");
    }
  }
}
