package io.userflow.deploy.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects of a rendered chart, each as the raw YAML map and as its fabric8 model type
 * ({@code null} model for kinds fabric8 does not know, i.e. custom resources).
 */
public final class RenderedObjects {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** One rendered document. */
  public record Rendered(String source, Map<String, Object> raw, HasMetadata model) {
    public String kind() {
      return (String) raw.get("kind");
    }

    public String apiVersion() {
      return (String) raw.get("apiVersion");
    }

    @SuppressWarnings("unchecked")
    public String name() {
      return (String) ((Map<String, Object>) raw.get("metadata")).get("name");
    }

    public String describe() {
      return kind() + "/" + name() + " (" + source + ")";
    }
  }

  private RenderedObjects() {}

  /** Splits {@code helm template} output into documents; every non-empty one must have apiVersion and kind. */
  @SuppressWarnings("unchecked")
  public static List<Rendered> parse(String manifests) {
    List<Rendered> out = new ArrayList<>();
    String source = "?";
    for (String doc : manifests.split("(?m)^---\\s*$")) {
      for (String line : doc.lines().toList()) {
        if (line.startsWith("# Source: ")) {
          source = line.substring("# Source: ".length()).trim();
        }
      }
      if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      Map<String, Object> raw;
      try {
        raw = YAML.readValue(doc, Map.class);
      } catch (IOException e) {
        throw new UncheckedIOException("rendered YAML does not parse (" + source + ")", e);
      }
      if (raw == null || raw.isEmpty()) {
        continue;
      }
      String where = source;
      Objects.requireNonNull(raw.get("apiVersion"), () -> "no apiVersion in " + where);
      Objects.requireNonNull(raw.get("kind"), () -> "no kind in " + where);
      Class<? extends KubernetesResource> type =
          SERIALIZATION.getRegisteredKubernetesResource((String) raw.get("apiVersion"), (String) raw.get("kind"));
      HasMetadata model = type == null ? null : (HasMetadata) SERIALIZATION.convertValue(raw, type);
      out.add(new Rendered(source, raw, model));
    }
    return out;
  }

  /** The model as plain JSON-like maps, as fabric8 would send it to the API server. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object model) {
    return JSON.convertValue(JSON.valueToTree(model), Map.class);
  }

  public static <T> List<T> ofType(List<Rendered> objects, Class<T> type) {
    return objects.stream().map(Rendered::model).filter(type::isInstance).map(type::cast).toList();
  }
}
