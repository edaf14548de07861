package io.userflow.deploy.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.userflow.deploy.RepoPaths;
import io.userflow.deploy.helm.RenderedObjects;
import io.userflow.deploy.helm.UnknownFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * helm/userflow/crds holds exact copies of the CRDs the operator module generates into crds/ (Helm can only
 * install CRDs from inside the chart). Until the operator's crds/ exists, the chart must hold none.
 */
class CrdSyncTest {
  static final String HOW_TO_SYNC = "helm/userflow/crds must hold exact copies of crds/*.yml; from the repository "
      + "root run: rm -f helm/userflow/crds/*.yml helm/userflow/crds/*.yaml && cp crds/*.yml helm/userflow/crds/";

  @Test
  void chartCrdsAreExactCopiesOfTheOperatorsCrds() throws IOException {
    List<String> source = manifests(RepoPaths.crds());
    List<String> chart = manifests(RepoPaths.operatorChart().resolve("crds"));
    assertThat(chart).as(HOW_TO_SYNC).containsExactlyElementsOf(source);
    for (String name : source) {
      assertThat(Files.readString(RepoPaths.operatorChart().resolve("crds").resolve(name)))
          .as("%s: %s", name, HOW_TO_SYNC)
          .isEqualTo(Files.readString(RepoPaths.crds().resolve(name)));
    }
  }

  @Test
  void chartCrdsAreWellFormedUserflowCrds() throws IOException {
    for (String name : manifests(RepoPaths.operatorChart().resolve("crds"))) {
      String yaml = Files.readString(RepoPaths.operatorChart().resolve("crds").resolve(name));
      List<RenderedObjects.Rendered> docs = RenderedObjects.parse(yaml);
      assertThat(docs).as(name).singleElement().satisfies(d -> {
        assertThat(d.model()).as(name).isInstanceOf(CustomResourceDefinition.class);
        assertThat(UnknownFields.in(d.model())).as("unknown fields in %s", name).isEmpty();
        CustomResourceDefinition crd = (CustomResourceDefinition) d.model();
        assertThat(crd.getSpec().getGroup()).isEqualTo("userflow.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getVersions()).anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("v1alpha1");
          assertThat(v.getSubresources().getStatus()).as("status subresource of %s", name).isNotNull();
        });
      });
    }
  }

  @Test
  void crdsCarryTheShortNamesTheDocsUse() throws IOException {
    for (String name : manifests(RepoPaths.operatorChart().resolve("crds"))) {
      CustomResourceDefinition crd = (CustomResourceDefinition) RenderedObjects
          .parse(Files.readString(RepoPaths.operatorChart().resolve("crds").resolve(name))).get(0).model();
      String expected = switch (crd.getSpec().getNames().getKind()) {
        case "FeaturePipeline" -> "fp";
        case "Reprocess" -> "rp";
        default -> throw new AssertionError("unexpected CRD kind in " + name);
      };
      assertThat(crd.getSpec().getNames().getShortNames()).as(name).contains(expected);
    }
  }

  /** CRD manifests (.yml, .yaml) in a folder, by name; none when the folder does not exist. */
  static List<String> manifests(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"))
          .sorted()
          .toList();
    }
  }
}
