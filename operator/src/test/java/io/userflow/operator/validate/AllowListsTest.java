package io.userflow.operator.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowListsTest {
  private final FeaturePipelineSpec spec = Fixtures.pipeline("clicks").getSpec();
  private final AllowLists allow = new AllowLists(List.of("ghcr.io/userflow/", "registry.local:5000/jobs"),
      List.of("s3a://jars/"), List.of("spark", "userflow-spark", "userflow-operator"), Optional.of("userflow-operator"));

  @Test
  void catalogsAndStoresUnderAnAllowedPrefixAreReachedAndOthersRefused() {
    spec.catalog.storage = Fixtures.objectStorage();
    AllowLists endpoints = new AllowLists(List.of("ghcr.io/userflow/"), List.of(), List.of("spark"), Optional.empty(),
        List.of("jdbc:postgresql://catalog-db:5432/"), List.of("http://userflow-s3.userflow:9000"));
    assertThat(endpoints.refusals(spec)).isEmpty();
    spec.catalog.uri = "jdbc:postgresql://catalog-db.evil.example:5432/iceberg";
    spec.catalog.storage.endpoint = "http://userflow-s3.userflow:9000.evil.example";
    assertThat(endpoints.refusals(spec)).containsExactly(
        "spec.catalog.uri jdbc:postgresql://catalog-db.evil.example:5432/iceberg is not under an allowed prefix "
            + "(allowList.catalogUriPrefixes: [jdbc:postgresql://catalog-db:5432/])",
        "spec.catalog.storage.endpoint http://userflow-s3.userflow:9000.evil.example is not an allowed endpoint "
            + "(allowList.storageEndpointPrefixes: [http://userflow-s3.userflow:9000])");
    assertThat(allow.refusals(spec)).as("no endpoint list: any catalog and store").isEmpty();
  }

  @Test
  void theFixtureAndTheOperatorDefaultsAgree() {
    assertThat(Fixtures.allowLists().refusals(spec)).isEmpty();
    assertThat(allow.refusals(spec)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"ghcr.io/userflow/jobs:0.1.0, local:///opt/userflow/userflow-jobs.jar",
      "registry.local:5000/jobs:1, s3a://jars/userflow-jobs.jar", "registry.local:5000/jobs, local:///x.jar",
      "registry.local:5000/jobs@sha256:abc, s3a://jars/a/b.jar", "registry.local:5000/jobs/bronze:2, local:///x.jar"})
  void imagesAndFilesUnderAnAllowedPrefixAtABoundaryRun(String image, String file) {
    spec.streaming.image = image;
    spec.streaming.applicationFile = file;
    assertThat(allow.refusals(spec)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker.io/attacker/jobs:1", "ghcr.io/userflowx/jobs:1", "registry.local:5000/jobsx:1",
      "ghcr.io/userflow", "userflow/jobs:1"})
  void otherImagesAreRefusedNamingTheSettingAndTheList(String image) {
    spec.streaming.image = image;
    assertThat(allow.refusals(spec)).singleElement().asString().startsWith("spec.streaming.image " + image)
        .endsWith("(allowList.imagePrefixes: [ghcr.io/userflow/, registry.local:5000/jobs])");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://evil.example/x.jar", "s3a://jars-other/x.jar", "s3a://jars/../other/x.jar"})
  void otherFilesAreRefused(String file) {
    spec.streaming.applicationFile = file;
    assertThat(allow.refusals(spec)).singleElement().asString().startsWith("spec.streaming.applicationFile " + file)
        .contains("allowList.applicationFilePrefixes: [s3a://jars/]");
  }

  @Test
  void withoutPrefixesOnlyFilesInTheImageRun() {
    spec.streaming.applicationFile = "s3a://jars/userflow-jobs.jar";
    assertThat(Fixtures.allowLists().refusals(spec)).singleElement().asString()
        .contains("is neither local:// nor under an allowed prefix (allowList.applicationFilePrefixes: [])");
  }

  @Test
  void aServiceAccountMustBeListed() {
    spec.streaming.serviceAccount = "default";
    assertThat(allow.refusals(spec)).containsExactly("spec.streaming.serviceAccount default is not an allowed "
        + "ServiceAccount (allowList.serviceAccounts: [spark, userflow-spark, userflow-operator])");
  }

  @Test
  void theOperatorsOwnServiceAccountIsRefusedEvenWhenListed() {
    spec.streaming.serviceAccount = "userflow-operator";
    assertThat(allow.refusals(spec)).containsExactly("spec.streaming.serviceAccount userflow-operator is the "
        + "operator's own ServiceAccount, which no driver may use");
  }

  @Test
  void everyRefusalIsListed() {
    spec.streaming.image = "docker.io/attacker/jobs:1";
    spec.streaming.applicationFile = "https://evil.example/x.jar";
    spec.streaming.serviceAccount = "userflow-operator";
    assertThat(allow.refusals(spec)).hasSize(3);
    assertThat(PipelineValidator.runnable(spec, allow)).isFalse();
  }
}
