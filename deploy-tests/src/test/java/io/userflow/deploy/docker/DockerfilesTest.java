package io.userflow.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.deploy.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images agree with what deploys them: pinned bases, the non-root users the charts run as, Spark's
 * version from the root pom and the jar path the operator's SparkApplications point at. (No Docker engine
 * here: the images are built per docs/DEPLOY.md.)
 */
class DockerfilesTest {

  @Test
  void operatorImageRunsTheQuarkusFastJarAsTheChartsUser() throws IOException {
    List<String> lines = lines("docker/operator.Dockerfile");
    assertThat(from(lines)).matches("eclipse-temurin:17[^:]*").doesNotContain("latest");
    assertThat(lastUser(lines)).isEqualTo("185:0");
    assertThat(Files.readString(RepoPaths.operatorChart().resolve("templates/deployment.yaml")))
        .contains("runAsUser: 185");
    assertThat(String.join("\n", lines)).contains("operator/target/quarkus-app/", "quarkus-run.jar", "EXPOSE 8080");
  }

  @Test
  void sparkImageIsTheProjectsSparkVersionWithTheJobsJarWhereSparkApplicationsLookForIt() throws IOException {
    List<String> lines = lines("docker/spark-jobs.Dockerfile");
    assertThat(from(lines)).isEqualTo("apache/spark:" + rootProperty("spark.version"));
    assertThat(lastUser(lines)).isEqualTo("185");
    // FeaturePipeline spec.streaming.applicationFile defaults to local:///opt/userflow/userflow-jobs.jar.
    assertThat(String.join("\n", lines)).contains("/opt/userflow/userflow-jobs.jar", "docker/spark-jobs-libs/target/lib/");
    assertThat(Files.readString(RepoPaths.root().resolve("docker/spark-jobs-libs/pom.xml")))
        .contains("<relativePath>../../pom.xml</relativePath>", "hadoop-aws", "iceberg-spark-runtime", "postgresql");
  }

  @Test
  void sparkImageShipsEveryProjectJarTheStagesNeedAndNoOther() throws IOException {
    // jobs' compile-scope project dependencies, from its pom: the image must copy each one's jar, and only those
    Matcher deps = Pattern.compile("<dependency>\\s*<groupId>io\\.userflow</groupId>\\s*<artifactId>([\\w-]+)</artifactId>"
        + "((?:(?!</dependency>).)*)</dependency>", Pattern.DOTALL)
        .matcher(Files.readString(RepoPaths.root().resolve("jobs/pom.xml")));
    List<String> needed = new java.util.ArrayList<>();
    while (deps.find()) {
      if (!deps.group(2).contains("<scope>")) {
        needed.add(deps.group(1));
      }
    }
    assertThat(needed).containsExactly("userflow-core");
    Matcher copies = Pattern.compile("COPY .* (\\w+)/target/(userflow-[\\w-]+?)-\\$\\{USERFLOW_VERSION\\}\\.jar ")
        .matcher(String.join("\n", lines("docker/spark-jobs.Dockerfile")));
    List<String> copied = new java.util.ArrayList<>();
    while (copies.find()) {
      copied.add(copies.group(2));
    }
    assertThat(copied).containsExactlyInAnyOrder("userflow-core", "userflow-jobs");
  }

  @Test
  void chartsUseTheImageNamesTheDocsBuild() throws IOException {
    String deploy = Files.readString(RepoPaths.root().resolve("docs/DEPLOY.md"));
    assertThat(deploy).contains("docker build -f docker/operator.Dockerfile -t userflow/operator:",
        "docker build -f docker/spark-jobs.Dockerfile -t userflow/spark-jobs:",
        "kind load docker-image userflow/operator:", "kind load docker-image userflow/spark-jobs:");
    assertThat(Files.readString(RepoPaths.stackChart().resolve("values.yaml"))).contains("image: userflow/spark-jobs:");
  }

  private static List<String> lines(String path) throws IOException {
    return Files.readAllLines(RepoPaths.root().resolve(path));
  }

  private static String from(List<String> lines) {
    List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(froms).as("single-stage image").hasSize(1);
    return froms.get(0).substring(5).trim().split("\\s+")[0];
  }

  private static String lastUser(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).trim();
  }

  private static String rootProperty(String name) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(RepoPaths.root().resolve("pom.xml")));
    assertThat(m.find()).as(name + " in the root pom").isTrue();
    return m.group(1);
  }
}
