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
 * The CRDs in helm/userflow/crds (the only copy; the operator module generates them there) are well-formed userflow
 * CRDs with the short names the docs use. A missing or empty folder is a failure, not an empty loop.
 */
class ChartCrdsTest {
  static final String HOW_TO_GENERATE = "the operator module generates helm/userflow/crds: mvn -B -pl operator -am test "
      + "-Dtest=CrdSyncTest -Dsurefire.failIfNoSpecifiedTests=false -Duserflow.crds.refresh=true";

  @Test
  void chartCrdsAreWellFormedUserflowCrds() throws IOException {
    for (String name : manifests(RepoPaths.crds())) {
      String yaml = Files.readString(RepoPaths.crds().resolve(name));
      List<RenderedObjects.Rendered> docs = RenderedObjects.parse(yaml);
      assertThat(docs).as(name).singleElement().satisfies(d -> {
        assertThat(d.model()).as(name).isInstanceOf(CustomResourceDefinition.class);
        assertThat(UnknownFields.in(d.model())).as("unknown fields in %s", name).isEmpty();
        CustomResourceDefinition crd = (CustomResourceDefinition) d.model();
        assertThat(crd.getSpec().getGroup()).isEqualTo("userflow.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        // a ReprocessApproval is only read by the operator, which writes no status on it
        boolean hasStatus = !crd.getSpec().getNames().getKind().equals("ReprocessApproval");
        assertThat(crd.getSpec().getVersions()).anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("v1alpha1");
          assertThat(v.getSubresources() != null && v.getSubresources().getStatus() != null)
              .as("status subresource of %s", name).isEqualTo(hasStatus);
        });
      });
    }
  }

  @Test
  void crdsCarryTheShortNamesTheDocsUse() throws IOException {
    for (String name : manifests(RepoPaths.crds())) {
      CustomResourceDefinition crd = (CustomResourceDefinition) RenderedObjects
          .parse(Files.readString(RepoPaths.crds().resolve(name))).get(0).model();
      String expected = switch (crd.getSpec().getNames().getKind()) {
        case "FeaturePipeline" -> "fp";
        case "Reprocess" -> "rp";
        case "ReprocessApproval" -> "rpa";
        case "TrainingSet" -> "tset";
        default -> throw new AssertionError("unexpected CRD kind in " + name);
      };
      assertThat(crd.getSpec().getNames().getShortNames()).as(name).contains(expected);
    }
  }

  /** CRD manifests (.yml, .yaml, .json) in a folder, by name; fails when the folder is missing or holds none. */
  static List<String> manifests(Path dir) throws IOException {
    assertThat(dir).as("%s is missing (%s)", dir, HOW_TO_GENERATE)
        .isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"))
          .sorted()
          .toList();
      assertThat(names).as("no CRD manifests in %s; %s", dir, HOW_TO_GENERATE).isNotEmpty();
      return names;
    }
  }
}
