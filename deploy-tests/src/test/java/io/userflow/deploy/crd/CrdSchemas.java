package io.userflow.deploy.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates custom resources against a CRD's openAPIV3Schema, more strictly than the API server: where
 * the server silently prunes a field the schema does not know (so a misspelt optional field would just
 * vanish), this treats it as an error.
 */
public final class CrdSchemas {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final JsonSchema schema;
  private final String kind;

  private CrdSchemas(JsonNode openApiSchema, String kind) {
    this.kind = kind;
    // Kubernetes structural schemas use draft-4 keywords (boolean exclusiveMinimum, no $schema).
    this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict(withObjectMeta(openApiSchema.deepCopy())));
  }

  /** The schema of {@code version} in the CRD file. */
  public static CrdSchemas load(Path crdFile, String version) throws IOException {
    JsonNode crd = YAML.readTree(crdFile.toFile());
    for (JsonNode v : crd.at("/spec/versions")) {
      if (version.equals(v.path("name").asText())) {
        return new CrdSchemas(v.at("/schema/openAPIV3Schema"), crd.at("/spec/names/kind").asText());
      }
    }
    throw new IllegalArgumentException(crdFile + " has no version " + version);
  }

  /** An inline schema, for testing the strictness itself. */
  static CrdSchemas of(JsonNode openApiSchema, String kind) {
    return new CrdSchemas(openApiSchema, kind);
  }

  public String kind() {
    return kind;
  }

  /** Schema violations of one resource, as readable lines; empty when valid. */
  public Set<String> violations(JsonNode resource) {
    Set<String> out = new TreeSet<>();
    if (!kind.equals(resource.path("kind").asText())) {
      out.add("kind " + resource.path("kind").asText() + " is not " + kind);
    }
    for (ValidationMessage m : schema.validate(resource)) {
      out.add(m.getMessage());
    }
    return out;
  }

  public static List<JsonNode> readAll(String yaml) throws IOException {
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
        .filter(n -> n != null && !n.isNull() && !n.isEmpty())
        .toList();
  }

  /** The API server accepts apiVersion, kind and metadata on every resource, whether or not the CRD lists them. */
  private static JsonNode withObjectMeta(JsonNode schema) {
    ObjectNode properties = ((ObjectNode) schema).withObject("properties");
    if (!properties.has("apiVersion")) {
      properties.putObject("apiVersion").put("type", "string");
    }
    if (!properties.has("kind")) {
      properties.putObject("kind").put("type", "string");
    }
    if (!properties.has("metadata")) {
      properties.putObject("metadata").put("type", "object");
    }
    return schema;
  }

  /** Objects with declared properties accept no others, unless they preserve unknown fields. */
  private static JsonNode strict(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      if (obj.has("properties") && !obj.has("additionalProperties")
          && !obj.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        obj.put("additionalProperties", false);
      }
      obj.properties().forEach(e -> strict(e.getValue()));
    } else if (node != null && node.isArray()) {
      node.forEach(CrdSchemas::strict);
    }
    return node;
  }
}
