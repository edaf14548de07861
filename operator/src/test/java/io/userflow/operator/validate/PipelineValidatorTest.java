package io.userflow.operator.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.core.kafka.KafkaSecurity;
import io.userflow.operator.Fixtures;
import io.userflow.operator.api.spec.FeaturePipelineSpec;
import io.userflow.operator.api.spec.KafkaTlsSpec;
import io.userflow.operator.api.spec.SecretCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineValidatorTest {
  private final FeaturePipelineSpec spec = Fixtures.pipeline("clicks").getSpec();

  @Test
  void fixtureIsValid() {
    assertThat(PipelineValidator.validate(spec)).isEmpty();
  }

  @Test
  void missingSectionsAreNamed() {
    spec.source = null;
    spec.streaming = null;
    assertThat(PipelineValidator.validate(spec)).containsExactly("spec.source is required",
        "spec.streaming is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"events; DROP TABLE x", "Events", "a.b", "silver\"", "1abc", "x y", ""})
  void tableNameInjectionIsRejected(String name) {
    spec.tables.silver = name;
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().startsWith("spec.tables.silver must match");
  }

  @Test
  void controlCharactersAreNotEchoed() {
    spec.tables.namespace = "ev\nents";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().doesNotContain("\n");
  }

  @Test
  void layersNeedDistinctTables() {
    spec.tables.goldRolling = spec.tables.goldDaily;
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().contains("reuses table name");
  }

  @Test
  void catalogUriMustBeJdbcWithoutQuotes() {
    spec.catalog.uri = "http://catalog";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().startsWith("spec.catalog.uri");
    spec.catalog.uri = "jdbc:postgresql://db/x';--";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().startsWith("spec.catalog.uri");
  }

  @Test
  void numericRangesAreChecked() {
    spec.batch.fullRebuildShare = 0;
    spec.batch.rejectRatioThreshold = 1.5;
    spec.streaming.executor.cores = 0;
    assertThat(PipelineValidator.validate(spec)).hasSize(3);
  }

  @Test
  void streamingFormatsAreChecked() {
    spec.streaming.triggerInterval = "10 seconds";
    spec.streaming.driver.memory = "lots";
    spec.source.startingOffsets = "{\"t\":{\"0\":5}}";
    assertThat(PipelineValidator.validate(spec)).hasSize(3);
  }

  @Test
  void objectStorageIsCheckedAndOnlyAllowedWithAnS3Location() {
    spec.catalog.storage = Fixtures.minio();
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.catalog.storage.endpoint = "minio:9000/path";
    spec.catalog.storage.credentials.accessKeyIdKey = "bad key";
    assertThat(PipelineValidator.validate(spec)).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("spec.catalog.storage."));
    spec.catalog.storage = Fixtures.minio();
    spec.catalog.warehouse = "file:/data/warehouse";
    spec.streaming.checkpointLocation = "file:/data/checkpoints";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .contains("neither spec.catalog.warehouse nor spec.streaming.checkpointLocation is an s3a:// URI");
  }

  @Test
  void kafkaSecurityFollowsTheCrdsRules() {
    spec.source.securityProtocol = KafkaSecurity.Protocol.SASL_SSL;
    spec.source.tls = new KafkaTlsSpec();
    spec.source.tls.caSecretName = "kafka-ca";
    assertThat(PipelineValidator.validate(spec)).containsExactly(
        "spec.source.credentials (securityProtocol SASL_SSL uses SASL) is required");
    spec.source.securityProtocol = KafkaSecurity.Protocol.PLAINTEXT;
    spec.source.credentials = new SecretCredentials();
    spec.source.credentials.secretName = "kafka-user";
    assertThat(PipelineValidator.validate(spec)).containsExactly(
        "spec.source.credentials need securityProtocol SASL_PLAINTEXT or SASL_SSL, got: PLAINTEXT",
        "spec.source.tls needs securityProtocol SSL or SASL_SSL, got: PLAINTEXT");
    spec.source.securityProtocol = KafkaSecurity.Protocol.SASL_SSL;
    assertThat(PipelineValidator.validate(spec)).isEmpty();
  }
}
