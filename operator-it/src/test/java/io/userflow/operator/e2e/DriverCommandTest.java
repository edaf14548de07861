package io.userflow.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.userflow.operator.api.FeaturePipeline;
import io.userflow.operator.children.SparkApplicationFactory;
import io.userflow.operator.spark.SparkApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverCommandTest {
  private static SparkApplication streaming() throws IOException {
    FeaturePipeline fp = Serialization.unmarshal(Files.readString(BuildOutputs.repoRoot()
        .resolve("examples/featurepipeline.yaml")), FeaturePipeline.class);
    fp.getMetadata().setUid("uid-1");
    return SparkApplicationFactory.streaming(fp);
  }

  @Test
  void runsTheMainClassWithItsArgumentsLikeSparkSubmitWouldRunTheDriver() throws IOException {
    SparkApplication app = streaming();
    Map<String, Map<String, String>> secrets = Map.of(
        "catalog-credentials", Map.of("username", "alice", "password", "s3cret"),
        "warehouse-s3", Map.of("AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "key-secret"));
    DriverCommand c = DriverCommand.of(app, "/jobs/classes:/lib/a.jar", List.of("--add-opens=x/y=ALL-UNNAMED"),
        (name, key) -> secrets.getOrDefault(name, Map.of()).get(key));

    List<String> cmd = c.command();
    assertThat(cmd.get(0)).endsWith("/bin/java");
    assertThat(cmd).containsSubsequence("--add-opens=x/y=ALL-UNNAMED", "-Xmx1g",
        "-Dspark.sql.session.timeZone=UTC", "-Dspark.hadoop.fs.s3a.endpoint=http://userflow-s3.userflow.svc:9000", "-cp",
        "/jobs/classes:/lib/a.jar", "io.userflow.jobs.bronze.BronzeJob",
        "--bootstrap-servers", "kafka-bootstrap.kafka:9092");
    assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("--master", "local[2]");
    assertThat(c.env()).containsExactlyInAnyOrderEntriesOf(Map.of("USERFLOW_CATALOG_USER", "alice",
        "USERFLOW_CATALOG_PASSWORD", "s3cret", "AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "key-secret"));
  }

  @Test
  void aMissingSecretFailsTheSubmissionLikeTheKubeletWould() throws IOException {
    assertThatThrownBy(() -> DriverCommand.of(streaming(), "cp", List.of(), (name, key) -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret \"catalog-credentials\"").hasMessageContaining("USERFLOW_CATALOG_USER");
  }
}
