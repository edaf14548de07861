package io.userflow.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.userflow.operator.decide.ApprovalPolicy;
import io.userflow.operator.validate.AllowLists;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment helm/userflow/templates/deployment.yaml sets reaches the typed settings (lists comma-separated). */
class OperatorConfigTest {
  private static OperatorConfig config(Map<String, String> env) {
    // Quarkus's own converter for "60s"-style durations, as at run time
    SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OperatorConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter()).withSources(new EnvConfigSource(env, 300))
        .build();
    return config.getConfigMapping(OperatorConfig.class);
  }

  @Test
  void theChartsEnvironmentSetsTheAllowListsAndTheApprovalPolicy() {
    OperatorConfig c = config(Map.of(
        "USERFLOW_OPERATOR_SERVICE_ACCOUNT", "userflow",
        "USERFLOW_OPERATOR_ALLOW_IMAGE_PREFIXES", "ghcr.io/userflow/,userflow/spark-jobs",
        "USERFLOW_OPERATOR_ALLOW_APPLICATION_FILE_PREFIXES", "s3a://jars/",
        "USERFLOW_OPERATOR_ALLOW_SERVICE_ACCOUNTS", "spark,userflow-spark",
        "USERFLOW_OPERATOR_ALLOW_CATALOG_URI_PREFIXES", "jdbc:postgresql://catalog-db:5432/,https://polaris:8181/",
        "USERFLOW_OPERATOR_ALLOW_STORAGE_ENDPOINT_PREFIXES", "http://s3:9000",
        "USERFLOW_OPERATOR_APPROVAL_FULL", "true",
        "USERFLOW_OPERATOR_APPROVAL_MAX_DAYS", "31"));
    assertThat(AllowLists.of(c)).isEqualTo(new AllowLists(List.of("ghcr.io/userflow/", "userflow/spark-jobs"),
        List.of("s3a://jars/"), List.of("spark", "userflow-spark"), Optional.of("userflow"),
        List.of("jdbc:postgresql://catalog-db:5432/", "https://polaris:8181/"), List.of("http://s3:9000")));
    assertThat(ApprovalPolicy.of(c)).isEqualTo(new ApprovalPolicy(true, 31));
  }

  @Test
  void withoutTheChartOnlyTheReleasedImageRunsAsSparkAndThePolicyIsOff() {
    OperatorConfig c = config(Map.of());
    assertThat(AllowLists.of(c)).isEqualTo(new AllowLists(List.of("ghcr.io/userflow/"), List.of(), List.of("spark"),
        Optional.empty()));
    assertThat(ApprovalPolicy.of(c)).isEqualTo(new ApprovalPolicy(false, 0));
  }
}
