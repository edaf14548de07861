package io.userflow.operator.e2e;

import io.userflow.controlplane.Kubectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a Secret value must never show up after a run: the operator's process logs, the drivers' logs, every Event,
 * the userflow resources with their statuses and every SparkApplication, as {@code kubectl get -o yaml} prints them.
 */
final class SecretLeaks {
  private SecretLeaks() {}

  /** Place name to its text. */
  static Map<String, String> collect(Kubectl kubectl, String namespace, Path work) throws IOException {
    Map<String, String> places = new LinkedHashMap<>();
    for (String dir : List.of("operator", "drivers")) {
      try (Stream<Path> logs = Files.list(work.resolve(dir))) {
        for (Path log : logs.filter(Files::isRegularFile).sorted().toList()) {
          places.put((dir.equals("operator") ? "operator log " : "driver log ") + log.getFileName(),
              Files.readString(log));
        }
      }
    }
    for (String kind : List.of("events", "featurepipelines", "reprocesses", "sparkapplications")) {
      String name = kind.equals("sparkapplications") ? "SparkApplications"
          : Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
      places.put(name, kubectl.ok("get", kind, "-n", namespace, "-o", "yaml"));
    }
    return places;
  }

  /** "place holds value #i (plain|base64)" for every hit; the values themselves are not repeated. */
  static List<String> findings(Map<String, String> places, List<String> values) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String plain = values.get(i);
      String encoded = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, String> place : places.entrySet()) {
        if (place.getValue().contains(plain)) {
          found.add(place.getKey() + " holds Secret value #" + i + " (plain)");
        }
        if (place.getValue().contains(encoded)) {
          found.add(place.getKey() + " holds Secret value #" + i + " (base64)");
        }
      }
    }
    return found;
  }
}
