package io.userflow.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.RepoPaths;
import io.userflow.operator.api.spec.Approval;
import io.userflow.operator.api.spec.ReprocessMode;
import io.userflow.operator.validate.PipelineValidator;
import io.userflow.operator.validate.ReprocessValidator;
import io.userflow.operator.validate.TrainingSetValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The examples parse into the API classes, pass the operator's validation and the CRD's own schema. */
class ExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static String read(String name) throws IOException {
    return Files.readString(RepoPaths.examples().resolve(name));
  }

  /** Validates a resource's spec against the committed CRD's openAPIV3Schema for spec. */
  private static Set<String> schemaErrors(String crdFile, String resourceYaml) throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(RepoPaths.crds().resolve(crdFile)),
        CustomResourceDefinition.class);
    JsonNode specSchema = YAML.valueToTree(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec"));
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(specSchema);
    return schema.validate(YAML.readTree(resourceYaml).get("spec")).stream().map(ValidationMessage::getMessage)
        .collect(Collectors.toSet());
  }

  @Test
  void featurePipelineExample() throws IOException {
    String yaml = read("featurepipeline.yaml");
    FeaturePipeline fp = Serialization.unmarshal(yaml, FeaturePipeline.class);
    assertThat(fp.getSpec().source.topic).isEqualTo("user-events");
    assertThat(fp.getSpec().streaming.executor.instances).isEqualTo(2);
    assertThat(PipelineValidator.validate(fp.getSpec())).isEmpty();
    assertThat(schemaErrors("featurepipelines.userflow.io-v1.yml", yaml)).isEmpty();
  }

  @Test
  void restCatalogPipelineExample() throws IOException {
    String yaml = read("featurepipeline-rest.yaml");
    FeaturePipeline fp = Serialization.unmarshal(yaml, FeaturePipeline.class);
    assertThat(fp.getSpec().catalog.type).isEqualTo(io.userflow.operator.api.spec.CatalogType.rest);
    assertThat(fp.getSpec().catalog.vendsCredentials()).isTrue();
    assertThat(fp.getSpec().catalog.storage).isNull();
    assertThat(PipelineValidator.validate(fp.getSpec())).isEmpty();
    assertThat(schemaErrors("featurepipelines.userflow.io-v1.yml", yaml)).isEmpty();
    assertThat(io.userflow.operator.secrets.SecretKeyRefs.secretNames(fp.getSpec())).containsExactly("rest-catalog");
  }

  @Test
  void incrementalReprocessExample() throws IOException {
    String yaml = read("reprocess-incremental.yaml");
    Reprocess rp = Serialization.unmarshal(yaml, Reprocess.class);
    assertThat(rp.getSpec().mode).isEqualTo(ReprocessMode.Auto);
    assertThat(rp.getSpec().range).isNull();
    assertThat(ReprocessValidator.validate(rp.getSpec())).isEmpty();
    assertThat(schemaErrors("reprocesses.userflow.io-v1.yml", yaml)).isEmpty();
  }

  @Test
  void maintenanceReprocessExample() throws IOException {
    String yaml = read("reprocess-maintenance.yaml");
    Reprocess rp = Serialization.unmarshal(yaml, Reprocess.class);
    assertThat(rp.getSpec().stages).containsExactly(io.userflow.operator.api.spec.Stage.Silver,
        io.userflow.operator.api.spec.Stage.Gold, io.userflow.operator.api.spec.Stage.Maintenance);
    assertThat(ReprocessValidator.validate(rp.getSpec())).isEmpty();
    assertThat(schemaErrors("reprocesses.userflow.io-v1.yml", yaml)).isEmpty();
  }

  @Test
  void backfillReprocessExample() throws IOException {
    String yaml = read("reprocess-backfill.yaml");
    Reprocess rp = Serialization.unmarshal(yaml, Reprocess.class);
    assertThat(rp.getSpec().approval).isEqualTo(Approval.Manual);
    assertThat(ReprocessValidator.range(rp.getSpec()).days()).hasSize(3);
    assertThat(ReprocessValidator.validate(rp.getSpec())).isEmpty();
    assertThat(schemaErrors("reprocesses.userflow.io-v1.yml", yaml)).isEmpty();
  }

  @Test
  void trainingSetExample() throws IOException {
    String yaml = read("trainingset.yaml");
    TrainingSet ts = Serialization.unmarshal(yaml, TrainingSet.class);
    assertThat(ts.getSpec().features).containsExactly("user_rolling_7d_features.purchase_count",
        "user_daily_features.*");
    assertThat(ts.getSpec().entityColumn).isEqualTo("user_id");
    assertThat(TrainingSetValidator.validate(ts.getSpec())).isEmpty();
    assertThat(schemaErrors("trainingsets.userflow.io-v1.yml", yaml)).isEmpty();
    String bad = yaml.replace("churn-2026-11.parquet", "churn-2026-11.xlsx").replace("pipelineRef: clicks\n", "");
    assertThat(schemaErrors("trainingsets.userflow.io-v1.yml", bad)).hasSize(2);
    assertThat(TrainingSetValidator.validate(Serialization.unmarshal(bad, TrainingSet.class).getSpec())).hasSize(2);
  }

  @Test
  void theSchemaRejectsWhatTheOperatorRejects() throws IOException {
    String bad = read("featurepipeline.yaml").replace("silver: silver_events", "silver: \"silver; DROP TABLE x\"")
        .replace("topic: user-events", "topic: \"\"");
    assertThat(schemaErrors("featurepipelines.userflow.io-v1.yml", bad)).hasSize(2);
    assertThat(PipelineValidator.validate(Serialization.unmarshal(bad, FeaturePipeline.class).getSpec())).hasSize(2);
    String missing = read("reprocess-incremental.yaml").replace("pipelineRef: clicks", "");
    assertThat(schemaErrors("reprocesses.userflow.io-v1.yml", missing)).singleElement().asString()
        .contains("pipelineRef");
  }

  @Test
  void examplesNeedNoOtherKeys() throws IOException {
    Map<String, Object> fp = YAML.readValue(read("featurepipeline.yaml"), Map.class);
    assertThat(fp.keySet()).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec");
  }
}
