package io.userflow.deploy.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.userflow.deploy.RepoPaths;
import io.userflow.deploy.helm.Charts;
import io.userflow.deploy.helm.RenderedObjects;
import io.userflow.deploy.helm.StackChartCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every custom resource this repository ships - the Airflow Reprocess templates rendered with sample values,
 * the chart examples and the stack's example pipeline - is valid against the operator's CRDs in helm/userflow/crds.
 * A missing CRD fails the test that needs it.
 */
class CustomResourceSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String VERSION = "v1alpha1";

  @TempDir Path tempDir;

  @Test
  void airflowReprocessTemplatesMatchTheReprocessCrd() throws Exception {
    CrdSchemas reprocess = schema(RepoPaths.reprocessCrd());
    Path templates = RepoPaths.airflow().resolve("dags/templates");
    Map<String, Map<String, String>> samples = Map.of(
        "reprocess-hourly.yaml.tmpl", Map.of("NAME", "hourly-20260101t130000", "NAMESPACE", "userflow",
            "PIPELINE", "clickstream"),
        "reprocess-backfill.yaml.tmpl", Map.of("NAME", "backfill-20260101-20260131-20261125t234501",
            "NAMESPACE", "userflow", "PIPELINE", "clickstream", "FROM_DATE", "2026-01-01", "TO_DATE", "2026-01-31"));
    try (var files = Files.list(templates)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .as("every template has sample values here").containsExactlyInAnyOrderElementsOf(samples.keySet());
    }
    for (var sample : samples.entrySet()) {
      String rendered = ManifestTemplates.render(Files.readString(templates.resolve(sample.getKey())), sample.getValue());
      List<JsonNode> docs = CrdSchemas.readAll(rendered);
      assertThat(docs).as(sample.getKey()).hasSize(1);
      assertThat(reprocess.violations(docs.get(0))).as("%s against the Reprocess CRD", sample.getKey()).isEmpty();
    }
  }

  @Test
  void chartExamplesMatchTheCrds() throws Exception {
    CrdSchemas pipeline = schema(RepoPaths.featurePipelineCrd());
    CrdSchemas reprocess = schema(RepoPaths.reprocessCrd());
    String examples = Files.readString(RepoPaths.operatorChart().resolve("examples/featurepipeline.yaml"));
    List<JsonNode> docs = CrdSchemas.readAll(examples);
    assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactly("FeaturePipeline", "Reprocess");
    assertThat(pipeline.violations(docs.get(0))).as("example FeaturePipeline").isEmpty();
    assertThat(reprocess.violations(docs.get(1))).as("example Reprocess").isEmpty();
  }

  @Test
  void stackExamplePipelineMatchesTheCrd() throws Exception {
    CrdSchemas pipeline = schema(RepoPaths.featurePipelineCrd());
    Path chart = StackChartCopy.create(tempDir);
    var rendered = RenderedObjects.parse(Charts.template(chart, Map.of("spark-operator.enabled", false)));
    var custom = rendered.stream().filter(o -> o.apiVersion().startsWith("userflow.io/")).toList();
    assertThat(custom).isNotEmpty();
    for (var o : custom) {
      assertThat(o.kind()).isEqualTo("FeaturePipeline");
      assertThat(pipeline.violations(YAML.valueToTree(o.raw()))).as(o.describe()).isEmpty();
    }
  }

  /** The strictness the tests above rely on, without a CRD: an unknown or mistyped field is reported. */
  @Test
  void validationReportsUnknownAndInvalidFields() throws Exception {
    JsonNode schema = YAML.readTree("""
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata: {type: object}
          spec:
            type: object
            required: [pipelineRef]
            properties:
              pipelineRef: {type: string, pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"}
              mode: {type: string, enum: [Auto, Incremental, Full]}
              retryLimit: {type: integer, minimum: 0, maximum: 10}
        """);
    CrdSchemas reprocess = CrdSchemas.of(schema, "Reprocess");
    JsonNode good = YAML.readTree("{kind: Reprocess, metadata: {name: a}, spec: {pipelineRef: p, mode: Auto}}");
    JsonNode unknown = YAML.readTree("{kind: Reprocess, spec: {pipelineRef: p, mdoe: Auto}}");
    JsonNode badEnum = YAML.readTree("{kind: Reprocess, spec: {pipelineRef: p, mode: auto}}");
    JsonNode missing = YAML.readTree("{kind: Reprocess, spec: {retryLimit: 11}}");
    assertThat(reprocess.violations(good)).isEmpty();
    assertThat(reprocess.violations(unknown)).singleElement().asString().contains("mdoe");
    assertThat(reprocess.violations(badEnum)).singleElement().asString().contains("mode");
    assertThat(reprocess.violations(missing)).hasSize(2);
    assertThat(reprocess.violations(YAML.readTree("{kind: FeaturePipeline, spec: {pipelineRef: p}}"))).isNotEmpty();
  }

  private static CrdSchemas schema(Path crd) throws Exception {
    assertThat(crd).as("%s is missing; the operator module generates helm/userflow/crds (its CrdSyncTest, with "
        + "-Duserflow.crds.refresh=true)", crd).isRegularFile();
    return CrdSchemas.load(crd, VERSION);
  }
}
