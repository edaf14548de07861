package io.userflow.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm/userflow/crds is generated from the API classes (the one copy: Helm installs CRDs only from inside the chart,
 * and everything else reads them there); this test regenerates it and fails when it is stale.
 */
class CrdSyncTest {
  static final String REFRESH = "mvn -B -pl operator -am test -Dtest=CrdSyncTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Duserflow.crds.refresh=true";

  @TempDir
  Path generated;

  @Test
  void crdsFolderMatchesTheApiClasses() throws IOException {
    new CRDGenerator().customResourceClasses(FeaturePipeline.class, Reprocess.class, ReprocessApproval.class,
        TrainingSet.class).forCRDVersions("v1")
        .withPostProcessor(new PrinterColumnOrder())
        .inOutputDir(generated.toFile()).generate();
    boolean refresh = Boolean.getBoolean("userflow.crds.refresh");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(generated)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        names.add(name);
        Path committed = RepoPaths.crds().resolve(name);
        if (refresh) {
          Files.createDirectories(committed.getParent());
          Files.copy(file, committed, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(committed).as("helm/userflow/crds/%s is missing; refresh with: %s", name, REFRESH).exists();
        assertThat(Files.readString(committed)).as("helm/userflow/crds/%s is out of date; refresh with: %s", name, REFRESH)
            .isEqualTo(Files.readString(file));
      }
    }
    assertThat(RepoPaths.crds()).as("helm/userflow/crds is missing; generate it with: %s", REFRESH).isDirectory();
    try (Stream<Path> committed = Files.list(RepoPaths.crds())) {
      assertThat(committed.map(p -> p.getFileName().toString()).sorted().toList())
          .as("helm/userflow/crds holds only the userflow CRDs").containsExactlyElementsOf(names);
    }
  }

  @Test
  void everyFieldHasADescription() throws IOException {
    for (CustomResourceDefinition crd : committed()) {
      JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
      for (String top : List.of("spec", "status")) {
        List<String> missing = new ArrayList<>();
        walk(top, root.getProperties().get(top), missing);
        assertThat(missing).as(crd.getMetadata().getName() + " fields without description").isEmpty();
      }
    }
  }

  /**
   * Every default under spec.batch is core's default of the job option the field becomes ({@code fieldName} ->
   * {@code JobOptions.FIELD_NAME_DEFAULT}); the jobs declare their options with the same constants (jobs'
   * JobContractTest), so a FeaturePipeline that leaves a field out runs as a local job with no option does.
   */
  @Test
  void batchDefaultsAreTheJobsDefaults() throws Exception {
    JSONSchemaProps batch = featurePipelineSpec("batch");
    int checked = 0;
    for (Map.Entry<String, JSONSchemaProps> field : batch.getProperties().entrySet()) {
      if (field.getValue().getDefault() == null || "object".equals(field.getValue().getType())) {
        continue;
      }
      String constant = field.getKey().replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT) + "_DEFAULT";
      Object jobs = io.userflow.core.contract.JobOptions.class.getField(constant).get(null);
      assertThat(field.getValue().getDefault().asText()).as("spec.batch.%s default", field.getKey())
          .isEqualTo(String.valueOf(jobs));
      checked++;
    }
    assertThat(checked).as("spec.batch defaults checked").isEqualTo(4);
  }

  /** Every default under spec.tables is core's default layout's (the record component of the same name). */
  @Test
  void tableDefaultsAreTheDefaultLayout() throws Exception {
    JSONSchemaProps tables = featurePipelineSpec("tables");
    io.userflow.core.layout.TableLayout layout = io.userflow.core.layout.TableLayout.defaults();
    for (Map.Entry<String, JSONSchemaProps> field : tables.getProperties().entrySet()) {
      assertThat(field.getValue().getDefault().asText()).as("spec.tables.%s default", field.getKey())
          .isEqualTo(layout.getClass().getMethod(field.getKey()).invoke(layout));
    }
    assertThat(tables.getProperties()).hasSize(6);
  }

  /** The schema of one field of the committed FeaturePipeline CRD's spec. */
  private static JSONSchemaProps featurePipelineSpec(String field) throws IOException {
    CustomResourceDefinition fp = Serialization.unmarshal(
        Files.readString(RepoPaths.crds().resolve("featurepipelines.userflow.io-v1.yml")),
        CustomResourceDefinition.class);
    return fp.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
        .getProperties().get(field);
  }

  @Test
  void schemaCarriesValidationAndPrinterColumns() throws IOException {
    CustomResourceDefinition fp = Serialization.unmarshal(
        Files.readString(RepoPaths.crds().resolve("featurepipelines.userflow.io-v1.yml")),
        CustomResourceDefinition.class);
    var version = fp.getSpec().getVersions().get(0);
    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertThat(spec.getRequired()).contains("source", "catalog", "streaming");
    assertThat(spec.getProperties().get("tables").getProperties().get("silver").getPattern())
        .isEqualTo(io.userflow.core.layout.TableLayout.IDENTIFIER.pattern());
    assertThat(fp.getSpec().getNames().getShortNames()).containsExactly("fp");
    assertThat(fp.getSpec().getNames().getCategories()).containsExactly("userflow");
    assertThat(fp.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    CustomResourceDefinition rp = Serialization.unmarshal(
        Files.readString(RepoPaths.crds().resolve("reprocesses.userflow.io-v1.yml")), CustomResourceDefinition.class);
    assertThat(rp.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName()).containsExactly("Phase", "Mode", "Source Snapshots", "Lag", "Age");
    assertThat(rp.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
        .getProperties().get("retryLimit").getMinimum()).isEqualTo(0.0);
  }

  /** The CRDs in helm/userflow/crds; fails when the folder is missing or empty, so the checks over them cannot pass vacuously. */
  static List<CustomResourceDefinition> committed() throws IOException {
    assertThat(RepoPaths.crds()).as("helm/userflow/crds is missing; generate it with: %s", REFRESH).isDirectory();
    List<CustomResourceDefinition> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(RepoPaths.crds())) {
      for (Path file : files.sorted().toList()) {
        out.add(Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class));
      }
    }
    assertThat(out).as("no CRDs in helm/userflow/crds; generate them with: %s", REFRESH).isNotEmpty();
    return out;
  }

  private static void walk(String path, JSONSchemaProps props, List<String> missing) {
    Map<String, JSONSchemaProps> children = props.getProperties();
    if (children != null) {
      children.forEach((name, child) -> {
        if (child.getDescription() == null || child.getDescription().isBlank()) {
          missing.add(path + "." + name);
        }
        walk(path + "." + name, child, missing);
      });
    }
    if (props.getItems() != null && props.getItems().getSchema() != null) {
      walk(path + "[]", props.getItems().getSchema(), missing);
    }
  }
}
