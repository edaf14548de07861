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
  void declaredFeaturesAreParsedAndTypeCheckedAtApplyTime() {
    spec.features = Fixtures.features(Fixtures.FEATURES);
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.features.groups.get(0).features.get(1).filter = "event_typ = 'purchase'";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .startsWith("spec.features: feature group shopper_daily, feature spend, filter at 1:1: unknown field event_typ");
    spec.features = Fixtures.features(Fixtures.FEATURES.replace("shopper_30d", "user_daily_features"));
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .contains("feature group user_daily_features: the name is one of the pipeline's own tables");
  }

  @Test
  void declaredEventFieldsAreCheckedAndGroupsMayReadThem() throws Exception {
    spec.events = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readValue("fields: [{name: discount, type: decimal, scale: 2, min: 0}]",
            io.userflow.operator.api.spec.EventsSpec.class);
    spec.features = Fixtures.features(Fixtures.FEATURES.replace("expression: spend}",
        "expression: spend}\n      - {name: seen, aggregation: count}").replace("{name: big_purchases,",
        "{name: discounts, aggregation: sum, expression: discount}\n      - {name: big_purchases,"));
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.events.fields.get(0).scale = 6;
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .contains("spec.features: feature group shopper_daily, feature discounts: reads discount, a decimal with 6"
            + " places; feature tables keep 4");
    spec.events.fields.get(0).type = "money";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().startsWith("spec.events: ")
        .contains("money");
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
  void aJdbcUriTakesOnlyTheDriverParametersThatCannotLoadClassesOrWriteFiles() {
    spec.catalog.uri = "jdbc:postgresql://db:5432/iceberg?sslmode=require&ApplicationName=userflow";
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.catalog.uri = "jdbc:postgresql://db:5432/iceberg?sslmode=require&socketFactory=x.Evil&loggerFile=/tmp/x";
    assertThat(PipelineValidator.validate(spec)).hasSize(2).allSatisfy(problem -> assertThat(problem)
        .startsWith("spec.catalog.uri has the JDBC parameter").contains("allowed: [ApplicationName"));
    assertThat(PipelineValidator.validate(spec).get(0)).contains("socketFactory");
  }

  @Test
  void aRestCatalogIsValidWithItsOwnSettings() {
    spec.catalog = Fixtures.restCatalog();
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.catalog.oauth2Credential = null;
    spec.catalog.token = Fixtures.secretKey("rest-token", "token");
    spec.catalog.oauth2ServerUri = "https://idp.example.com/oauth2/token";
    spec.catalog.warehouse = "s3a://warehouse/userflow";
    assertThat(PipelineValidator.validate(spec)).isEmpty();
  }

  @Test
  void eachCatalogTypeTakesOnlyItsOwnSettings() {
    spec.catalog.prefix = "analytics";
    spec.catalog.vendedCredentials = false;
    assertThat(PipelineValidator.validate(spec)).containsExactly("spec.catalog.prefix, spec.catalog.vendedCredentials "
        + "apply to catalog type rest only, got type: jdbc");
    spec.catalog = Fixtures.restCatalog();
    spec.catalog.credentials = new SecretCredentials();
    spec.catalog.credentials.secretName = "catalog-credentials";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .startsWith("spec.catalog.credentials (user and password) apply to catalog type jdbc only");
  }

  @Test
  void aRestCatalogsUriIsHttpAndAJdbcCatalogsWarehouseAStorageUri() {
    spec.catalog.warehouse = "analytics";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().startsWith("spec.catalog.warehouse");
    spec.catalog = Fixtures.restCatalog();
    spec.catalog.uri = "jdbc:postgresql://catalog-db:5432/iceberg";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().startsWith("spec.catalog.uri must match");
  }

  @Test
  void aRestCatalogTakesACredentialOrATokenAndNoS3KeysWithVendedCredentials() {
    spec.catalog = Fixtures.restCatalog();
    spec.catalog.token = Fixtures.secretKey("rest-token", "token");
    assertThat(PipelineValidator.validate(spec)).singleElement().asString().contains("one of the two, not both");
    spec.catalog.oauth2Credential = null;
    spec.catalog.token = null;
    spec.catalog.oauth2ServerUri = "https://idp.example.com/oauth2/token";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .isEqualTo("spec.catalog.oauth2ServerUri needs spec.catalog.oauth2Credential or spec.catalog.token");
    spec.catalog = Fixtures.restCatalog();
    spec.catalog.storage = Fixtures.objectStorage();
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .startsWith("spec.catalog.storage.credentials must be unset with spec.catalog.vendedCredentials");
    spec.catalog.vendedCredentials = false;
    assertThat(PipelineValidator.validate(spec)).isEmpty();
  }

  @Test
  void headersAreNamesAndNeverTheAccessDelegationHeader() {
    spec.catalog = Fixtures.restCatalog();
    spec.catalog.headers.put("Bad Header", "x");
    spec.catalog.headers.put("x-iceberg-access-delegation", "vended-credentials");
    assertThat(PipelineValidator.validate(spec)).anyMatch(m -> m.startsWith("spec.catalog.headers name must match"))
        .anyMatch(m -> m.contains("ask for vended credentials with spec.catalog.vendedCredentials")).hasSize(2);
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
  void aCoreRequestIsAKubernetesCpuQuantity() {
    spec.streaming.driver.coreRequest = "250m";
    spec.batch.executor.coreRequest = "0.5";
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.batch.executor.coreRequest = "half";
    assertThat(PipelineValidator.validate(spec)).singleElement().asString()
        .startsWith("spec.batch.executor.coreRequest");
  }

  @Test
  void objectStorageIsCheckedAndOnlyAllowedWithAnS3Location() {
    spec.catalog.storage = Fixtures.objectStorage();
    assertThat(PipelineValidator.validate(spec)).isEmpty();
    spec.catalog.storage.endpoint = "s3:9000/path";
    spec.catalog.storage.credentials.accessKeyIdKey = "bad key";
    assertThat(PipelineValidator.validate(spec)).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("spec.catalog.storage."));
    spec.catalog.storage = Fixtures.objectStorage();
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
