package io.userflow.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.spark.SparkApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The CRDs an operator under test needs on the mock API server (JOSDK starts no controller without its CRD). */
public final class MockCrds {
  private MockCrds() {}

  /** Our CRDs from {@code crdsDir} (the generated helm/userflow/crds), and a stand-in for the spark-operator's. */
  public static void install(KubernetesClient client, Path crdsDir) {
    try (Stream<Path> files = Files.list(crdsDir)) {
      for (Path file : files.sorted().toList()) {
        client.resource(Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class)).create();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + crdsDir, e);
    }
    // the spark-operator's chart installs the real one; a schemaless stand-in with a status subresource
    client.resource(new CustomResourceDefinitionBuilder().withNewMetadata()
        .withName("sparkapplications.sparkoperator.k8s.io").endMetadata().withNewSpec()
        .withGroup(SparkApplication.GROUP).withScope("Namespaced").withNewNames().withKind("SparkApplication")
        .withPlural("sparkapplications").withSingular("sparkapplication").endNames()
        .addNewVersion().withName(SparkApplication.VERSION).withServed(true).withStorage(true)
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).create();
  }
}
